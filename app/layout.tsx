import type { Metadata } from "next";
import "./globals.css";
import { HydrationMarker } from "@/components/layout/hydration-marker";

export const metadata: Metadata = {
  title: { default: "Tandem", template: "%s · Tandem" },
  description: "CRM and CDP in one database: what your team did with each customer, and what each customer did.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
