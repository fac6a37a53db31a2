// A box that may scroll (a wide table, a long list): reachable with Tab and named, so a keyboard user
// can scroll it with the arrow keys (WCAG 2.1.1) and a screen reader says what it holds.
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={className}>
      {children}
    </div>
  );
}
