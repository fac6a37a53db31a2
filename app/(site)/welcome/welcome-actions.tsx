"use client";
// The demo page's tracked interactions: CTA clicks (track) and the demo request (identify + track).
// window.tandem is t.js once loaded, or the queue stub before that; absent when the page isn't tracked.
import { useState } from "react";
import type { TandemApi } from "@/lib/tracker/tracker";

function tandem(): Pick<TandemApi, "track" | "identify"> | undefined {
  return (window as unknown as { tandem?: Pick<TandemApi, "track" | "identify"> }).tandem;
}

export function CtaButton({
  cta,
  location,
  plan,
  href,
  primary = false,
  label,
  className = "",
}: {
  cta: string;
  location: string;
  plan?: string;
  href: string;
  primary?: boolean;
  label: string;
  className?: string;
}) {
  const style = primary
    ? "bg-indigo-600 text-white hover:bg-indigo-700"
    : "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50";
  return (
    <a
      href={href}
      role="button"
      onClick={() => tandem()?.track("CTA Clicked", { cta, location, ...(plan ? { plan } : {}), label })}
      className={`inline-flex items-center justify-center rounded-lg px-5 py-2.5 text-sm font-semibold shadow-sm ${style} ${className}`}
    >
      {label}
    </a>
  );
}

export function DemoRequestForm() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = email.trim().toLowerCase();
    if (!value) return;
    const t = tandem();
    t?.identify({ email: value });
    t?.track("Demo Requested", { email: value, location: "demo_form" });
    setSent(value);
  }

  if (sent) {
    return (
      <p role="status" className="mx-auto mt-8 max-w-md rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
        Thanks! We&apos;ll email <strong>{sent}</strong> within one working day to find a time.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="mx-auto mt-8 flex max-w-md flex-col gap-3 sm:flex-row">
      <label htmlFor="demo-email" className="sr-only">
        Work email
      </label>
      <input
        id="demo-email"
        type="email"
        required
        autoComplete="email"
        placeholder="you@agency.com"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        className="min-w-0 flex-1 rounded-lg border border-slate-300 px-4 py-2.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none"
      />
      <button type="submit" className="rounded-lg bg-indigo-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700">
        Request a demo
      </button>
    </form>
  );
}
