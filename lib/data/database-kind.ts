// Whether a pool talks to the embedded PGlite database or a PostgreSQL server. Both speak the same
// SQL, but PGlite runs one transaction at a time, which changes how ingest is best scheduled
// (lib/ingest/ingest.ts) and locked (identity resolution). Asked once per pool (PGlite's version()
// says so), so a URL pointing at either works anywhere.
import type pg from "pg";
import { pool as defaultPool } from "../db/pool";

const known = new WeakMap<pg.Pool, Promise<boolean>>();

export function isEmbeddedDatabase(p: pg.Pool = defaultPool()): Promise<boolean> {
  let answer = known.get(p);
  if (!answer) {
    answer = p.query<{ v: string }>("SELECT version() AS v").then((r) => /PGlite/i.test(r.rows[0]?.v ?? ""));
    known.set(p, answer);
    // A failed question (the database not up yet) is asked again next time.
    answer.catch(() => known.delete(p));
  }
  return answer;
}
