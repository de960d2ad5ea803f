/**
 * A day typed as text in the viewer's format (a date input would show the browser's format, e.g.
 * mm/dd/yyyy in an English browser whatever the app's language): the format as a hint, the server's
 * error, if any, below — both announced with the field.
 */
export function AuditDateField({ id, name, label, value, format, error }: { id: string; name: string; label: string; value: string; format: string; error?: string }) {
  return (
    <div className="w-36">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <input id={id} type="text" name={name} defaultValue={value} autoComplete="off" maxLength={40}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-format`, error && `${id}-error`, "audit-dates-hint"].filter(Boolean).join(" ")}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600" />
      <p id={`${id}-format`} className="mt-1 text-xs text-slate-600">{format}</p>
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}
