import { afterEach, describe, expect, it, vi } from "vitest";
import { CredentialsSignin } from "next-auth";
import { authLogger, emailDomain, signInFailureLine } from "@/lib/auth/sign-in-log";

describe("the server log's line for a failed sign-in", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is one JSON line with the email's domain, never the email", () => {
    const line = signInFailureLine({ reason: "password", email: "Ann.Secret@Example.COM", ip: "203.0.113.9" });
    expect(line).not.toContain("\n");
    expect(line).not.toMatch(/ann\.secret/i);
    expect(JSON.parse(line)).toMatchObject({ event: "sign_in_failed", reason: "password", emailDomain: "example.com", ip: "203.0.113.9" });
  });

  it("has no domain for a value that isn't an email", () => {
    expect(emailDomain("not an email")).toBeUndefined();
    expect(emailDomain(undefined)).toBeUndefined();
    expect(emailDomain("a@")).toBeUndefined();
  });

  it("replaces Auth.js's stack trace of a refused credentials sign-in", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    authLogger.error!(new CredentialsSignin());
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(warn.mock.calls[0][0]))).toMatchObject({ event: "sign_in_failed", reason: "credentials" });
  });

  it("writes any other Auth.js error as one line without its stack", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    authLogger.error!(new Error("boom"));
    expect(error).toHaveBeenCalledTimes(1);
    const line = String(error.mock.calls[0][0]);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toMatchObject({ event: "auth_error", type: "Error", message: "boom" });
  });
});
