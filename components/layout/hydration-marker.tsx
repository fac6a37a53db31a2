"use client";
// Marks <html data-hydrated> once React has hydrated the page, so end-to-end tests can wait for a
// page that answers clicks and shows its client-rendered parts instead of sleeping.
import { useEffect } from "react";

export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
