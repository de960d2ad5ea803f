import { benchLicences } from "./licences";
for (const r of await benchLicences("postgresql://postgres@127.0.0.1:5432/postgres")) console.log(r.pass ? "✓" : "✗", r.name, r.value, r.unit);
