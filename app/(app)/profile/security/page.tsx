import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { ActiveSessions } from "@/components/profile/active-sessions";
import { PasskeysSection } from "./passkeys-section";
import { RecoveryCodesPanel } from "@/components/profile/recovery-codes-panel";
import { TotpPanel, type TotpSetupView } from "@/components/profile/totp-panel";
import { recoveryCodesLeft } from "@/lib/auth/recovery-codes";
import { requirePermission } from "@/lib/auth/require";
import { listLiveSessions } from "@/lib/auth/sessions";
import { formatSetupKey, otpauthUri } from "@/lib/auth/totp";
import { pendingTotpSecret } from "@/lib/auth/totp-factor";
import { getDb } from "@/lib/db/client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile.security"))("title") };
}

/** The QR code of the otpauth:// URI as an SVG data: URL (the CSP allows data: images, no inline script). */
async function setupView(secret: string, account: string, issuer: string): Promise<TotpSetupView> {
  const svg = await QRCode.toString(otpauthUri(secret, { issuer, account }), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, setupKey: formatSetupKey(secret) };
}

export default async function SecurityPage() {
  const user = await requirePermission("profile.read");
  const t = await getTranslations();
  const format = await getFormatter();
  const db = getDb();
  const [factors, pending, codesLeft, sessions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true, twoStepEnabled: true } }),
    // The secret being set up is read here, for its owner's page only: it is never an action's result.
    pendingTotpSecret(db, user.id),
    recoveryCodesLeft(db, user.id),
    listLiveSessions(db, user.id, user.sessionId),
  ]);
  const enabledOn = factors.totpEnabledAt ? format.dateTime(factors.totpEnabledAt, { dateStyle: "medium", timeZone: user.timeZone }) : null;
  return (
    <div className="space-y-8">
      <section aria-labelledby="authenticator-app" className="space-y-3">
        <h2 id="authenticator-app" className="text-xl font-semibold">{t("profile.security.totp.title")}</h2>
        <p className="text-sm text-slate-600">{t("profile.security.totp.intro")}</p>
        <TotpPanel enabledOn={enabledOn} setup={pending ? await setupView(pending, user.email, t("app.name")) : null} />
      </section>
      <PasskeysSection userId={user.id} />
      <section aria-labelledby="recovery-codes" className="space-y-3">
        <h2 id="recovery-codes" className="text-xl font-semibold">{t("profile.security.recovery.title")}</h2>
        <p className="text-sm text-slate-600">{t("profile.security.recovery.intro")}</p>
        <RecoveryCodesPanel left={codesLeft} available={factors.twoStepEnabled} />
      </section>
      <ActiveSessions sessions={sessions} timeZone={user.timeZone} />
    </div>
  );
}
