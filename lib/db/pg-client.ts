// A pg.Client that reports PostgreSQL's internal `name` (OID 19) and `"char"` (OID 18) columns as text.
// Prisma's adapter-pg cannot deserialize them and migrate/introspection queries return them
// (prisma/orm#27403). pg.Pool calls client.query(config, callback), so both the promise and the
// callback paths are patched.
import pg from "pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] } | QueryResultLike[];

function rewriteFieldTypes(result: unknown): void {
  if (Array.isArray(result)) {
    for (const r of result) rewriteFieldTypes(r);
    return;
  }
  const fields = (result as QueryResultLike & { fields?: { dataTypeID: number }[] })?.fields;
  if (!fields) return;
  for (const f of fields) {
    if (f.dataTypeID === NAME_OID || f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID;
  }
}

export class PatchedPgClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: Error | null, res: unknown) => {
        if (!err) rewriteFieldTypes(res);
        last(err, res);
      };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    if (args[0] && typeof args[0] === "object" && typeof args[0].callback === "function") {
      const cb = args[0].callback;
      args[0].callback = (err: Error | null, res: unknown) => {
        if (!err) rewriteFieldTypes(res);
        cb(err, res);
      };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    if (out && typeof out.then === "function") {
      return out.then((res: unknown) => {
        rewriteFieldTypes(res);
        return res;
      });
    }
    return out;
  }
}
