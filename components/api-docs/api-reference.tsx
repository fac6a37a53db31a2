// The OpenAPI document as a readable page: per tag, each operation with its method and path, how it
// authenticates, its parameters, request body and responses (fields as tables, the full JSON Schema
// on demand) and its example requests as curl. Server-rendered; text only, never HTML from the document.
import Link from "next/link";
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiParameter } from "@/lib/api/openapi/build";
import { curlOf, fieldRows, textParts, typeOf } from "@/lib/api/openapi/present";
import { CodeBlock } from "@/components/sources/code-block";
import { Logo } from "@/components/ui/logo";

interface Entry {
  path: string;
  method: string;
  op: OpenApiOperation;
}

function Text({ text, className = "" }: { text: string; className?: string }) {
  return (
    <p className={className}>
      {textParts(text).map((p, i) =>
        p.code ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-900">
            {p.text}
          </code>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

function MethodBadge({ method }: { method: string }) {
  const colour =
    method === "get" ? "bg-emerald-100 text-emerald-900" : method === "put" || method === "patch" ? "bg-amber-100 text-amber-900" : method === "delete" ? "bg-red-100 text-red-900" : "bg-blue-100 text-blue-900";
  return <span className={`rounded px-2 py-0.5 font-mono text-sm font-semibold ${colour}`}>{method.toUpperCase()}</span>;
}

function authText(op: OpenApiOperation): string {
  const [first, second] = op.security;
  if (!first) return "None: public.";
  if ("writeKey" in first) {
    return second
      ? "A source's write key, as the HTTP Basic user name or the `writeKey` query parameter."
      : "A source's write key, as the HTTP Basic user name (empty password) or `writeKey` in the body.";
  }
  const session = (need: string[]) => (need.length ? `a signed-in session whose role has \`${need.join("`, `")}\`` : "a signed-in session");
  if ("session" in first) return `Only ${session(first.session!)} (API tokens are refused).`;
  const scopes = first.bearerToken ?? [];
  const token = scopes.length ? `An API token with the \`${scopes.join("`, `")}\` scope (Bearer, or the HTTP Basic user name)` : "Any valid API token (Bearer, or the HTTP Basic user name)";
  return second?.session ? `${token}, or ${session(second.session)}.` : `${token}.`;
}

const th = "border-b border-slate-300 px-3 py-2 text-left font-semibold text-slate-700";
const td = "border-b border-slate-200 px-3 py-2 align-top break-words";

function SchemaDetails({ schema, label }: { schema: JsonSchema; label: string }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium text-blue-800 underline">{label}</summary>
      <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-900">{JSON.stringify(schema, null, 2)}</pre>
    </details>
  );
}

const mono = "font-mono text-xs text-slate-700";

/** A table whose first column names each row; `cells` are the other columns, `[content, extra classes]`. */
function Table({ caption, head, rows }: { caption: string; head: string[]; rows: { key: string; name: string; cells: [React.ReactNode, string?][] }[] }) {
  return (
    <table className="mt-2 w-full border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className={th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className={`${td} text-left font-mono font-normal text-slate-900`}>
              {r.name}
            </th>
            {r.cells.map(([content, extra = ""], i) => (
              <td key={i} className={`${td} ${extra}`}>
                {content}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FieldsTable({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const rows = fieldRows(schema);
  if (!rows.length) return null;
  return (
    <Table
      caption={caption}
      head={["Field", "Type", "Required", "Description"]}
      rows={rows.map((r) => ({ key: r.name, name: r.name, cells: [[r.type, mono], [r.required ? "yes" : "no"], [r.description && <Text text={r.description} />]] }))}
    />
  );
}

function ParametersTable({ parameters, caption }: { parameters: OpenApiParameter[]; caption: string }) {
  return (
    <Table
      caption={caption}
      head={["Name", "In", "Type", "Required", "Description"]}
      rows={parameters.map((p) => ({
        key: `${p.in}:${p.name}`,
        name: p.name,
        cells: [
          [p.in, "whitespace-nowrap"],
          [typeOf(p.schema), mono],
          [p.required ? "yes" : "no"],
          [
            <>
              {p.description && <Text text={p.description} />}
              {"default" in p.schema && <p className="text-slate-600">Default: {JSON.stringify(p.schema.default)}</p>}
            </>,
          ],
        ],
      }))}
    />
  );
}

function Operation({ path, method, op, baseUrl }: Entry & { baseUrl: string }) {
  const title = `${method.toUpperCase()} ${path}`;
  const body = op.requestBody && Object.entries(op.requestBody.content);
  const bodySchema = body?.[0]?.[1].schema;
  return (
    <article id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="mt-10 border-t border-slate-200 pt-8">
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-3 text-lg font-semibold">
        <MethodBadge method={method} />
        <code className="break-all font-mono text-slate-900">{path}</code>
      </h3>
      <p className="mt-2 font-medium text-slate-900">{op.summary}</p>
      <Text text={op.description} className="mt-2 text-slate-700" />
      <div className="mt-3 text-sm text-slate-700">
        <span className="font-semibold text-slate-900">Authentication: </span>
        <Text text={authText(op)} className="inline" />
      </div>

      {op.parameters && (
        <>
          <h4 className="mt-6 font-semibold text-slate-900">Parameters</h4>
          <ParametersTable parameters={op.parameters} caption={`Parameters of ${title}`} />
        </>
      )}

      {body && bodySchema && (
        <>
          <h4 className="mt-6 font-semibold text-slate-900">Request body</h4>
          <p className="mt-1 text-sm text-slate-700">
            Sent as {body.map(([type], i) => (
              <span key={type}>
                {i > 0 && (i === body.length - 1 ? " or " : ", ")}
                <code className="font-mono">{type}</code>
              </span>
            ))}
            .
          </p>
          <FieldsTable schema={bodySchema} caption={`Request body fields of ${title}`} />
          <SchemaDetails schema={bodySchema} label="Request body JSON Schema" />
        </>
      )}

      <h4 className="mt-6 font-semibold text-slate-900">Responses</h4>
      <Table
        caption={`Responses of ${title}`}
        head={["Status", "Meaning", "Body"]}
        rows={Object.entries(op.responses).map(([status, r]) => ({
          key: status,
          name: status,
          cells: [
            [
              <>
                <Text text={r.description} />
                {r.headers && <p className="text-slate-600">Headers: {Object.keys(r.headers).join(", ")}</p>}
              </>,
            ],
            [Object.entries(r.content ?? {}).map(([type, media]) => <div key={type}>{`${type}: ${typeOf(media.schema)}`}</div>), mono],
          ],
        }))}
      />
      {Object.entries(op.responses)
        .filter(([status, r]) => Number(status) < 300 && r.content?.["application/json"])
        .map(([status, r]) => (
          <div key={status}>
            <FieldsTable schema={r.content!["application/json"]!.schema} caption={`Fields of the ${status} response of ${title}`} />
            <SchemaDetails schema={r.content!["application/json"]!.schema} label={`${status} response JSON Schema`} />
          </div>
        ))}

      <h4 className="mt-6 font-semibold text-slate-900">Examples</h4>
      <ul className="mt-2 space-y-4">
        {op["x-request-examples"].map((e) => {
          const answer = op.responses[String(e.status)]?.content?.["application/json"]?.examples?.[e.name]?.value;
          return (
            <li key={e.name}>
              <p className="mb-1 text-sm text-slate-700">
                <span className="font-medium text-slate-900">{e.summary}</span> → <span className="font-mono">{e.status}</span>
              </p>
              <CodeBlock code={curlOf(baseUrl, path, method, op, e)} label={`curl: ${e.summary}`} />
              {answer !== undefined && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-sm font-medium text-blue-800 underline">Response body</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-900">{JSON.stringify(answer, null, 2)}</pre>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </article>
  );
}

export function ApiReference({ doc, baseUrl }: { doc: OpenApiDocument; baseUrl: string }) {
  const entries: Entry[] = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  const sections = doc.tags.map((tag) => ({ ...tag, id: tag.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), entries: entries.filter((e) => e.op.tags[0] === tag.name) }));
  const link = "text-blue-800 underline hover:text-blue-950";
  const errorFields = (doc.components.schemas.Error?.properties as Record<string, JsonSchema> | undefined)?.error;
  return (
    <div className="min-h-screen bg-white text-slate-900">
      <header className="border-b border-slate-200">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-4">
          <Link href="/" className="underline decoration-slate-300">
            <Logo />
          </Link>
          <a href="/api/v1/openapi.json" className={`text-sm ${link}`}>
            openapi.json
          </a>
        </div>
      </header>
      <div className="mx-auto flex max-w-6xl gap-10 px-6 py-10">
        <nav aria-label="API sections" className="hidden w-60 shrink-0 lg:block">
          <ul className="sticky top-6 space-y-4 text-sm">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className={`font-semibold ${link}`}>
                  {s.name}
                </a>
                <ul className="mt-1 space-y-1">
                  {s.entries.map((e) => (
                    <li key={e.op.operationId}>
                      <a href={`#${e.op.operationId}`} className={link}>
                        {e.op.summary}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <main className="min-w-0 flex-1">
          <h1 className="text-3xl font-bold tracking-tight">{doc.info.title} reference</h1>
          <Text text={doc.info.description} className="mt-3 text-slate-700" />
          <p className="mt-3 text-slate-700">
            Base URL <code className="font-mono">{baseUrl}</code>. The same, machine-readable:{" "}
            <a href="/api/v1/openapi.json" className={link}>
              the OpenAPI {doc.openapi} document
            </a>{" "}
            (import it into Postman, Insomnia or a client generator).
          </p>

          <section aria-labelledby="authentication" className="mt-10">
            <h2 id="authentication" className="text-2xl font-semibold">Authentication</h2>
            <dl className="mt-3 space-y-3">
              {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
                <div key={name}>
                  <dt className="font-mono font-semibold">{name}</dt>
                  <dd className="text-slate-700">
                    <Text text={String(scheme.description ?? "")} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="errors" className="mt-10">
            <h2 id="errors" className="text-2xl font-semibold">Errors</h2>
            <Text
              className="mt-3 text-slate-700"
              text="Every error is JSON with a stable `code` to branch on and a `message` that says how to fix it; each operation lists its codes. The Tracking API adds Segment's `success: false` beside it."
            />
            {errorFields && <FieldsTable schema={errorFields} caption="Fields of an error" />}
          </section>

          {sections.map((s) => (
            <section key={s.id} aria-labelledby={s.id} className="mt-14">
              <h2 id={s.id} className="text-2xl font-semibold">
                {s.name}
              </h2>
              <Text text={s.description} className="mt-2 text-slate-700" />
              {s.entries.map((e) => (
                <Operation key={e.op.operationId} {...e} baseUrl={baseUrl} />
              ))}
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}
