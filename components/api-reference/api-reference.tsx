"use client";
// The API reference, rendered by Scalar. Its code (Vue and the renderer) is imported only once
// this component mounts, so it weighs nothing in any route's first load (decision 0032).
import { useEffect, useRef, useState } from "react";
import { mountScalar } from "./scalar";

type Status = "loading" | "ready" | "failed";

/** The app's theme now: the account menu's choice (`data-theme` on <html>), else the system's. */
function dark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  return chosen ? chosen === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
}

export function ApiReference({ url, label, loading, failed }: { url: string; label: string; loading: string; failed: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>("loading");

  useEffect(() => {
    let cancelled = false;
    let stop: (() => void) | undefined;
    mountScalar(container.current!, { url, dark: dark() }).then(
      (reference) => {
        if (cancelled) return reference.destroy();
        // Follow the theme when it changes (the account menu's switch, or the system's).
        const follow = () => reference.setDark(dark());
        const observer = new MutationObserver(follow);
        observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
        const system = matchMedia("(prefers-color-scheme: dark)");
        system.addEventListener("change", follow);
        stop = () => {
          observer.disconnect();
          system.removeEventListener("change", follow);
          reference.destroy();
        };
        setStatus("ready");
      },
      () => !cancelled && setStatus("failed"),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [url]);

  return (
    <section aria-label={label} aria-busy={status === "loading"}>
      {status === "loading" && <p className="text-slate-600">{loading}</p>}
      {status === "failed" && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900">{failed}</p>}
      <div ref={container} />
    </section>
  );
}
