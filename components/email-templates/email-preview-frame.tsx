/**
 * A rendered email, shown as the recipient's mail client would: at the email's natural width
 * (600 px and its margins) when there is room, scrolling inside its own frame rather than
 * squeezing or clipping it. sandbox="": no scripts, no forms, no same-origin access.
 */
export function EmailPreviewFrame({ html, title }: { html: string; title: string }) {
  return (
    <div className="max-w-full overflow-x-auto rounded-md border border-slate-300 bg-white">
      <iframe title={title} sandbox="" srcDoc={html} className="block h-[560px] w-full min-w-[min(100%,20rem)] sm:min-w-[648px]" />
    </div>
  );
}
