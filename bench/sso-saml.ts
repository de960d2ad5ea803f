// SAML sign-in: the time to validate one posted SAMLResponse (parse, DOCTYPE and wrapping checks,
// RSA-SHA256 signature, conditions) as the ACS route does. 300 fresh responses signed by the test
// IdP (built before the clock starts), after 20 for warm-up. No server, no database.
import { parseIdpMetadata, validateSamlResponse } from "@/lib/sso/saml";
import { startSamlIdp } from "../tests/support/saml-idp";
import type { Result } from "./result";
import { percentile, round } from "./support";

export async function benchSamlValidation(): Promise<Result[]> {
  const idp = await startSamlIdp();
  try {
    const metadata = parseIdpMetadata(idp.metadataXml);
    const sp = { entityId: "https://admin.example/sso/saml/bench", acsUrl: "https://admin.example/api/sso/saml/bench/acs" };
    const responses = Array.from({ length: 320 }, (_, i) => {
      const inResponseTo = `_bench-request-${i}`;
      const samlResponse = idp.response({ acsUrl: sp.acsUrl, audience: sp.entityId, inResponseTo, nameId: `subject-${i}`, email: `user${i}@bench.example`, firstName: "Bench", lastName: `User ${i}` });
      return { samlResponse, inResponseTo };
    });
    const times: number[] = [];
    for (const [i, { samlResponse, inResponseTo }] of responses.entries()) {
      const t0 = performance.now();
      await validateSamlResponse(samlResponse, { idp: metadata, sp, expectedRequestId: inResponseTo });
      if (i >= 20) times.push(performance.now() - t0);
    }
    const p50 = round(percentile(times, 50), 2);
    const p95 = round(percentile(times, 95), 2);
    return [
      { name: "SAML response validation p50 (300 signed responses)", value: p50, unit: "ms", target: "report", pass: true },
      { name: "SAML response validation p95 (300 signed responses)", value: p95, unit: "ms", target: "≤ 20 ms", pass: p95 <= 20 },
    ];
  } finally {
    await idp.stop();
  }
}
