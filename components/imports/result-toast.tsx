"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "../toast";

/**
 * The result of an import action that ends on another page (confirm, cancel, discard redirect with
 * `?done=…`): a toast once it arrives, then the parameter is dropped so a reload doesn't repeat it.
 * Without JavaScript the page's own status says what happened.
 */
export function ResultToast({ message }: { message: string }) {
  const router = useRouter();
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    toast.success(message);
    const url = new URL(window.location.href);
    url.searchParams.delete("done");
    router.replace(`${url.pathname}${url.search}`, { scroll: false });
  }, [message, router]);
  return null;
}
