"use client";

import { useFormStatus } from "react-dom";
import { button } from "./button-styles";

export function SubmitButton({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => pending && event.preventDefault()}
      className={`${button.primary} ${className}`}
    >
      {children}
    </button>
  );
}
