// /welcome — a public demo landing page for the fictional Loopwise, tracked by Tandem's own /t.js
// with the demo Website source's write key (read from demo-credentials.json in the data dir).
import type { Metadata } from "next";
import { readDemoCredentials } from "@/lib/demo/credentials";
import { PLAN_PRICES, type PlanName } from "@/lib/demo/catalog";
import { dataDir } from "@/lib/env";
import { STUB_SNIPPET } from "@/lib/tracker/snippet";
import { CtaButton, DemoRequestForm } from "./welcome-actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: { absolute: "Loopwise — project planning for agencies" },
  description: "Plan every client project, see who is overbooked before it happens, and ship on time.",
};

function websiteWriteKey(): string | null {
  const key = readDemoCredentials(dataDir())?.sources?.website?.writeKey;
  return typeof key === "string" && key ? key : null;
}

const FEATURES = [
  {
    title: "Plans that survive contact with clients",
    body: "Drag a milestone and every dependent task, booking and invoice date moves with it. No more spreadsheets out of sync.",
  },
  {
    title: "See overbooking before it happens",
    body: "A live capacity view across designers, developers and freelancers, a quarter ahead, by skill and by person.",
  },
  {
    title: "Clients see progress, not chaos",
    body: "Share a branded timeline per client. They comment on deliverables; your team never leaves Loopwise.",
  },
];

const PLANS: { plan: PlanName; label: string; blurb: string; points: string[] }[] = [
  { plan: "starter", label: "Starter", blurb: "For studios finding their rhythm.", points: ["Up to 10 people", "Unlimited projects", "Client timelines"] },
  { plan: "pro", label: "Pro", blurb: "For agencies juggling many clients.", points: ["Up to 50 people", "Capacity planning", "Time tracking & budgets"] },
  { plan: "business", label: "Business", blurb: "For networks of teams.", points: ["Unlimited people", "SSO & audit log", "A dedicated success manager"] },
];

const AGENCIES = ["Northwind Studio", "Brightline", "Kestrel & Co", "Parcel Digital", "Oakmont Creative"];

export default function WelcomePage() {
  const writeKey = websiteWriteKey();
  return (
    <div className="min-h-screen bg-white text-slate-900">
      {writeKey ? (
        <>
          {/* Calls made before t.js has loaded are queued by this stub and replayed by the script. */}
          <script dangerouslySetInnerHTML={{ __html: STUB_SNIPPET }} />
          <script src="/t.js" data-write-key={writeKey} async />
        </>
      ) : (
        <div role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-3 text-center text-sm text-amber-900">
          No Website source yet, so this page is not tracked. Seed the demo data (<code className="font-mono">npm run seed</code>, or start with{" "}
          <code className="font-mono">npm run demo</code>) to create it and its write key.
        </div>
      )}

      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <a href="#top" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-white">
            ∞
          </span>
          Loopwise
        </a>
        <nav aria-label="Loopwise" className="hidden gap-8 text-sm text-slate-600 sm:flex">
          <a href="#features" className="hover:text-slate-900">
            Features
          </a>
          <a href="#pricing" className="hover:text-slate-900">
            Pricing
          </a>
          <a href="#demo" className="hover:text-slate-900">
            Contact sales
          </a>
        </nav>
      </header>

      <main id="top">
        <section className="mx-auto grid max-w-6xl items-center gap-12 px-6 pb-20 pt-12 lg:grid-cols-2">
          <div>
            <p className="inline-flex rounded-full bg-indigo-50 px-3 py-1 text-xs font-medium text-indigo-700">New: capacity forecasts, a quarter ahead</p>
            <h1 className="mt-5 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Project planning for agencies that never stand still.</h1>
            <p className="mt-5 max-w-xl text-lg text-slate-600">
              Loopwise keeps every client project, deadline and person in one plan — so you promise dates you can keep and stop finding out on Friday
              that nobody is free on Monday.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <CtaButton cta="start_trial" location="hero" href="#demo" primary label="Start free trial" />
              <CtaButton cta="book_demo" location="hero" href="#demo" label="Book a demo" />
            </div>
            <p className="mt-4 text-sm text-slate-500">14 days free · no credit card · cancel anytime</p>
          </div>
          <div aria-hidden className="rounded-2xl border border-slate-200 bg-slate-50 p-5 shadow-sm">
            <div className="mb-4 flex items-center justify-between text-xs font-medium text-slate-500">
              <span>Client launches · Q3</span>
              <span>Capacity 86%</span>
            </div>
            {[
              { name: "Brightline rebrand", from: "5%", width: "55%", color: "bg-indigo-500" },
              { name: "Kestrel web shop", from: "30%", width: "50%", color: "bg-emerald-500" },
              { name: "Parcel app v2", from: "15%", width: "70%", color: "bg-amber-500" },
              { name: "Oakmont campaign", from: "55%", width: "35%", color: "bg-rose-500" },
            ].map((bar) => (
              <div key={bar.name} className="mb-3">
                <div className="mb-1 text-xs text-slate-600">{bar.name}</div>
                <div className="h-3 rounded-full bg-slate-200">
                  <div className={`h-3 rounded-full ${bar.color}`} style={{ marginLeft: bar.from, width: bar.width }} />
                </div>
              </div>
            ))}
          </div>
        </section>

        <section aria-label="Customers" className="border-y border-slate-100 bg-slate-50 py-8">
          <p className="text-center text-xs font-medium uppercase tracking-wider text-slate-500">Trusted by 1,200 agencies and studios</p>
          <ul className="mx-auto mt-4 flex max-w-5xl flex-wrap justify-center gap-x-10 gap-y-3 px-6 text-base font-semibold text-slate-400">
            {AGENCIES.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>

        <section id="features" className="mx-auto max-w-6xl px-6 py-20">
          <h2 className="text-3xl font-bold tracking-tight">Everything a busy agency juggles, in one place</h2>
          <div className="mt-10 grid gap-6 md:grid-cols-3">
            {FEATURES.map((f) => (
              <div key={f.title} className="rounded-xl border border-slate-200 p-6">
                <h3 className="font-semibold">{f.title}</h3>
                <p className="mt-2 text-sm text-slate-600">{f.body}</p>
              </div>
            ))}
          </div>
        </section>

        <section id="pricing" className="bg-slate-50 py-20">
          <div className="mx-auto max-w-6xl px-6">
            <h2 className="text-3xl font-bold tracking-tight">Simple pricing that grows with you</h2>
            <p className="mt-2 text-slate-600">Per workspace, billed monthly. Every plan starts with a 14-day trial.</p>
            <div className="mt-10 grid gap-6 md:grid-cols-3">
              {PLANS.map((p) => (
                <div
                  key={p.plan}
                  className={`flex flex-col rounded-xl border bg-white p-6 ${p.plan === "pro" ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200"}`}
                >
                  <h3 className="font-semibold">{p.label}</h3>
                  <p className="mt-1 text-sm text-slate-600">{p.blurb}</p>
                  <p className="mt-4">
                    <span className="text-4xl font-bold">${PLAN_PRICES[p.plan]}</span>
                    <span className="text-sm text-slate-500"> / month</span>
                  </p>
                  <ul className="mt-4 flex-1 space-y-2 text-sm text-slate-700">
                    {p.points.map((pt) => (
                      <li key={pt}>✓ {pt}</li>
                    ))}
                  </ul>
                  <CtaButton cta="choose_plan" location="pricing" plan={p.plan} href="#demo" primary={p.plan === "pro"} label={`Choose ${p.label}`} className="mt-6" />
                </div>
              ))}
            </div>
          </div>
        </section>

        <section id="demo" className="mx-auto max-w-3xl px-6 py-20 text-center">
          <h2 className="text-3xl font-bold tracking-tight">See Loopwise with your own projects</h2>
          <p className="mt-3 text-slate-600">Leave your work email and a planner will walk you through it — 30 minutes, no slides.</p>
          <DemoRequestForm />
        </section>
      </main>

      <footer className="border-t border-slate-100 py-8 text-center text-xs text-slate-500">
        <p>© Loopwise, a fictional company. This page is a Tandem demo: it is tracked by Tandem&apos;s first-party script at /t.js.</p>
      </footer>
    </div>
  );
}
