/** Runs an action that redirects once its change has committed; returns where it went, or its result (a refusal). */
export async function followed<T>(action: Promise<T>): Promise<{ redirectedTo: string } | T> {
  try {
    return await action;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirectedTo: digest.split(";")[2] };
  }
}
