"use client";

import { useFormStatus } from "react-dom";

export function SubmitButton({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => pending && event.preventDefault()}
      className={`rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-brand-700 aria-disabled:opacity-60 ${className}`}
    >
      {children}
    </button>
  );
}
