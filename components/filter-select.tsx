/** A labelled <select> for a GET filter form: the first option ("any") means no filter. */
export function FilterSelect(props: { id: string; name: string; label: string; value?: string; any: string; options: [string, string][] }) {
  return (
    <div className="min-w-0">
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-800">{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ""} className="mt-1 block w-full max-w-full min-w-0 rounded-md border border-slate-400 bg-white px-2 py-2 text-sm sm:w-auto sm:max-w-48">
        <option value="">{props.any}</option>
        {props.options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
    </div>
  );
}
