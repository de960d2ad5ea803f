// The CSV import as the upload form sends it, and the id its answer redirects to.

/** The upload form: the file, then the caller's settings (timeZone, groupId, locale, role, products…); a list appends one value per item. */
export function importForm(csv: string | Uint8Array, extra: Record<string, string | string[]>, fileName = "users.csv") {
  const form = new FormData();
  form.append("file", new File([csv as BlobPart], fileName, { type: "text/csv" }));
  for (const [key, value] of Object.entries(extra)) for (const v of [value].flat()) form.append(key, v);
  return form;
}

/** The form the commit and cancel buttons send. */
export function idForm(id: string) {
  const form = new FormData();
  form.append("id", id);
  return form;
}

/** The import id from an action that redirected to the import's report (see followed()); throws when it didn't redirect. */
export function uploadedImportId(outcome: unknown) {
  const id = /\/imports\/([0-9a-f-]{36})/.exec((outcome as { redirectedTo?: string }).redirectedTo ?? "")?.[1];
  if (!id) throw new Error(`no redirect to an import: ${JSON.stringify(outcome)}`);
  return id;
}
