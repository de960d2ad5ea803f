/** The app's mark (the same drawing as app/icon.svg): a console window with a connection dot. */
export function AppLogo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden focusable="false">
      <rect width="32" height="32" rx="7" fill="#0b5cad" />
      <rect x="7" y="9" width="18" height="13" rx="2" fill="none" stroke="#fff" strokeWidth="2.2" />
      <path d="M12 26h8" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="22.5" cy="9.5" r="3.5" fill="#4ade80" stroke="#0b5cad" strokeWidth="1.5" />
    </svg>
  );
}
