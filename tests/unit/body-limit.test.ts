import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { ACTION_BODY_LIMIT_BYTES, oversizedFormPost } from "@/lib/security/body-limit";

const big = String(ACTION_BODY_LIMIT_BYTES + 1);

describe("oversizedFormPost", () => {
  it("sends a form post over the limit back to its page, keeping its query", () => {
    expect(oversizedFormPost("POST", "/people/users/import", { "content-length": big })).toBe("/people/users/import?tooLarge=1");
    expect(oversizedFormPost("POST", "/people/users/new?rows=3", { "content-length": big })).toBe("/people/users/new?rows=3&tooLarge=1");
  });

  it("leaves alone posts at or under the limit, other methods, the app's own action calls and the API", () => {
    expect(oversizedFormPost("POST", "/people/users/import", { "content-length": String(ACTION_BODY_LIMIT_BYTES) })).toBeNull();
    expect(oversizedFormPost("POST", "/people/users/import", {})).toBeNull();
    expect(oversizedFormPost("GET", "/people/users/import", { "content-length": big })).toBeNull();
    expect(oversizedFormPost("POST", "/people/users/import", { "content-length": big, "next-action": "abc" })).toBeNull();
    expect(oversizedFormPost("POST", "/api/health", { "content-length": big })).toBeNull();
    expect(oversizedFormPost("POST", "/scim/v2/Users", { "content-length": big })).toBeNull();
    expect(oversizedFormPost("POST", "/api/v1/users", { "content-length": big })).toBeNull();
  });

  it("never sends the browser to another site", () => {
    expect(oversizedFormPost("POST", "//evil.example/x", { "content-length": big })).not.toMatch(/^\/\//);
    expect(oversizedFormPost("POST", "http://evil.example/x", { "content-length": big })).toBe("/x?tooLarge=1");
  });

  it("is the limit Next.js is configured with", () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(ACTION_BODY_LIMIT_BYTES);
  });
});
