import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { base32Decode, base32Encode, formatSetupKey, hotp, newTotpSecret, otpauthUri, totpCode, totpStep, verifyTotp } from "@/lib/auth/totp";
import { recoveryCodeSchema, totpCodeSchema } from "@/lib/validation/two-step";

// RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** Debian's oathtool (oath-toolkit), an independent implementation, at a moment given in UTC. */
function oathtool(secret: string, at: Date): string {
  const moment = at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const run = spawnSync("oathtool", ["--totp", "-b", secret, "--now", moment], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`oathtool failed (install it: apt-get install oathtool): ${run.stderr || run.error}`);
  return run.stdout.trim();
}

describe("TOTP (RFC 6238, SHA-1, 6 digits, 30 s)", () => {
  it("gives RFC 6238's test vectors (their last 6 digits)", () => {
    const vectors: [number, string][] = [[59, "94287082"], [1111111109, "07081804"], [1111111111, "14050471"], [1234567890, "89005924"], [2000000000, "69279037"], [20000000000, "65353130"]];
    for (const [seconds, eightDigits] of vectors) expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(-6));
  });

  it("agrees with oathtool on random secrets and moments", () => {
    for (let i = 0; i < 25; i++) {
      const secret = newTotpSecret();
      const at = new Date(Date.UTC(2020, 0, 1) + crypto.randomInt(2 ** 40) % (15 * 365 * 86_400_000));
      at.setUTCMilliseconds(0);
      expect(totpCode(secret, at), `${secret} at ${at.toISOString()}`).toBe(oathtool(secret, at));
    }
  });

  it("makes 20-byte secrets in base32 that round-trip", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(base32Decode(formatSetupKey(secret).toLowerCase())).toEqual(base32Decode(secret));
    expect(() => base32Decode("ABC1")).toThrow();
  });

  it("accepts the current step and one either side, returning the step matched; refuses two away", () => {
    const secret = newTotpSecret();
    const now = new Date("2026-12-02T10:00:15Z");
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) expect(verifyTotp(secret, hotp(secret, step + offset), now)).toBe(step + offset);
    for (const offset of [-2, 2, 10]) expect(verifyTotp(secret, hotp(secret, step + offset), now)).toBeNull();
    expect(verifyTotp(secret, "12345", now)).toBeNull();
    expect(verifyTotp(newTotpSecret(), hotp(secret, step), now)).toBeNull();
  });

  it("writes the otpauth URI authenticator apps read", () => {
    const uri = new URL(otpauthUri(RFC_SECRET, { issuer: "Central Admin", account: "zoë@acme.example" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Central Admin:zoë@acme.example");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: RFC_SECRET, issuer: "Central Admin", algorithm: "SHA1", digits: "6", period: "30" });
  });
});

describe("codes as typed", () => {
  const parse = (schema: z.ZodType<string>, code: unknown) => {
    const result = schema.safeParse(code);
    return result.success ? result.data : result.error.issues.map((i) => i.message);
  };

  it("drops spaces and dashes", () => {
    expect(parse(totpCodeSchema, " 123 456 ")).toBe("123456");
    expect(parse(totpCodeSchema, "123-456")).toBe("123456");
    expect(parse(recoveryCodeSchema, " ABCDE-23456 ")).toBe("abcde23456");
  });

  it("refuses letters, 7 digits, empty, with a message", () => {
    expect(parse(totpCodeSchema, "12a456")).toEqual(["validation.totpCode"]);
    expect(parse(totpCodeSchema, "1234567")).toEqual(["validation.totpCode"]);
    expect(parse(totpCodeSchema, "")).toEqual(["validation.required"]);
    expect(parse(totpCodeSchema, " - ")).toEqual(["validation.required"]);
    expect(parse(totpCodeSchema, undefined)).toEqual(["validation.required"]);
    expect(parse(recoveryCodeSchema, "abcde-2345")).toEqual(["validation.recoveryCode"]);
    expect(parse(recoveryCodeSchema, "abcde-1234o")).toEqual(["validation.recoveryCode"]); // 0, 1, o, l, i are never used
    expect(parse(recoveryCodeSchema, "")).toEqual(["validation.required"]);
  });
});
