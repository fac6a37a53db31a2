export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6">
        <circle cx="8" cy="12" r="6" fill="#2f6fed" opacity="0.85" />
        <circle cx="16" cy="12" r="6" fill="#14b8a6" opacity="0.85" />
      </svg>
      Tandem
    </span>
  );
}
