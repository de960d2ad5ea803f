const TONES = {
  neutral: "bg-slate-100 text-slate-800",
  info: "bg-blue-50 text-blue-900",
  success: "bg-green-50 text-green-900",
  warning: "bg-amber-50 text-amber-900",
  danger: "bg-red-50 text-red-900",
} as const;

export type Tone = keyof typeof TONES;

/** A status label; the colour only repeats what the text says. */
export function Badge({ tone, label }: { tone: Tone; label: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{label}</span>;
}
