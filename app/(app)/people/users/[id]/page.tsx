import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ArrowLeft, PackageMinus, PackagePlus, ShieldOff } from "lucide-react";
import { UserActivity } from "@/components/audit/user-activity";
import { Badge } from "@/components/badge";
import { button } from "@/components/button-styles";
import { ResendInvitationButton } from "@/components/invitations/resend-invitation-button";
import { AddProductsButton } from "@/components/users/add-products-button";
import { CapabilitySwitches } from "@/components/users/capability-switches";
import { EmailText } from "@/components/users/email-text";
import { StatusBadge } from "@/components/users/status-badge";
import { ResetTwoStepButton } from "@/components/users/reset-two-step-button";
import { UserProducts } from "@/components/users/user-products";
import { UserProfileForm } from "@/components/users/user-profile-form";
import { personName } from "@/lib/audit/labels";
import { describeAuditPage } from "@/lib/audit/names";
import { listAuditEvents, parseAuditCursor } from "@/lib/audit/queries";
import { permittedUser, requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES, LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { accountProducts } from "@/lib/licences/products";
import { findUserLicences, REMOTE_SUPPORT } from "@/lib/licences/capabilities";
import { can, ROLES, roleRank } from "@/lib/permissions";
import { findUser } from "@/lib/users/detail";
import { groupOptions } from "@/lib/users/list";
import { timeZoneOptions } from "@/lib/time-zones";
import { addProductsAction, removeProductsAction } from "../actions";
import { resendInvitationAction, resetTwoStepAction, updateCapabilitiesAction, updateUserProfileAction } from "./actions";

const TABS = ["profile", "products", "settings", "activity"] as const;
type Tab = (typeof TABS)[number];

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string; after?: string; confirm?: string }> };

async function load(params: Props["params"]) {
  const viewer = await requirePermission("users.read");
  const id = z.uuid().safeParse((await params).id);
  const user = id.success ? await findUser(getDb(), viewer.accountId, id.data) : null;
  if (!user) notFound();
  return { viewer, user };
}


export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { user } = await load(params);
  return { title: personName(user) };
}

export default async function UserPage({ params, searchParams }: Props) {
  const { viewer, user } = await load(params);
  const query = await searchParams;
  const tab: Tab = TABS.find((key) => key === query.tab) ?? "profile";
  const [t, tRoles, tStatus, tUsers] = await Promise.all([getTranslations("userDetail"), getTranslations("roles"), getTranslations("status"), getTranslations("users")]);
  const tabs = TABS.map((key) => ({ key, label: t(`tabs.${key}`), href: key === "profile" ? `/people/users/${user.id}` : `/people/users/${user.id}?tab=${key}` }));
  // Editable by admins for users at or below their own role; support staff and others only read.
  const editable = can(viewer.role, "users.manage") && roleRank(user.role) <= roleRank(viewer.role);
  // The same rule for resetting two-step verification, and never one's own (Profile › Security is for that).
  const resettable = can(viewer.role, "twoStep.reset") && roleRank(user.role) <= roleRank(viewer.role) && user.id !== viewer.id;

  return (
    <div className="min-w-0 space-y-6">
      <Link href="/people/users" className={`${button.ghost} ${button.small} -ml-2 text-brand-700`}>
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>
      <header className="min-w-0 space-y-2">
        <h1 className="break-anywhere text-2xl font-semibold">{personName(user)}</h1>
        <p className="text-slate-700"><EmailText email={user.email} /></p>
        <p className="flex flex-wrap gap-2 text-sm">
          <StatusBadge status={user.status} label={tStatus(user.status)} />
          <Badge tone="neutral" label={tRoles(user.role)} />
          <Badge tone="neutral" label={t("twoStep", { state: user.twoStepEnabled ? tUsers("on") : tUsers("off") })} />
        </p>
        <div className="flex flex-wrap items-start gap-2">
          {user.status === "INVITED" && can(viewer.role, "invitations.resend") && <ResendInvitationButton action={resendInvitationAction} userId={user.id} />}
          {resettable && user.status !== "INVITED" && (
            <ResetTwoStepButton action={resetTwoStepAction} user={{ id: user.id, name: personName(user) }} open={query.confirm === "resetTwoStep"}
              icon={<ShieldOff className="size-4" aria-hidden />} />
          )}
        </div>
      </header>
      <div role="tablist" aria-label={t("sections")} className="flex max-w-full gap-1 overflow-x-auto border-b border-slate-300">
        {tabs.map((item) => (
          <Link key={item.key} role="tab" id={`tab-${item.key}`} aria-selected={tab === item.key} aria-controls="user-tabpanel" href={item.href}
            className="-mb-px shrink-0 rounded-t-md border border-transparent px-4 py-2 text-sm whitespace-nowrap aria-selected:border-slate-300 aria-selected:border-b-white aria-selected:bg-white aria-selected:font-semibold">
            {item.label}
          </Link>
        ))}
      </div>
      <div role="tabpanel" id="user-tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === "profile" ? (
          <UserProfileForm
            action={updateUserProfileAction}
            editable={editable}
            user={{ id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email, locale: user.locale, timeZone: user.timeZone, groupId: user.groupId ?? "none", role: user.role }}
            options={{
              locales: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
              timeZones: timeZoneOptions(),
              groups: await groupOptions(getDb(), viewer.accountId),
              roles: ROLES.filter((r) => roleRank(r) <= roleRank(viewer.role) || r === user.role).map((r) => ({ value: r, label: tRoles(r) })),
            }}
          />
        ) : tab === "products" ? (
          <Products accountId={viewer.accountId} userId={user.id} canAssign={can(viewer.role, "licences.assign")} />
        ) : tab === "settings" ? (
          <Settings accountId={viewer.accountId} user={{ id: user.id, name: personName(user) }} canAssign={can(viewer.role, "licences.assign")} />
        ) : (
          <Activity accountId={viewer.accountId} userId={user.id} timeZone={viewer.timeZone} locale={viewer.locale} after={query.after} />
        )}
      </div>
    </div>
  );
}

async function Products({ accountId, userId, canAssign }: { accountId: string; userId: string; canAssign: boolean }) {
  const [products, licences] = await Promise.all([accountProducts(getDb(), accountId), findUserLicences(getDb(), accountId, userId)]);
  if (!licences) notFound();
  return (
    <UserProducts
      userId={userId}
      products={products.map((p) => ({ code: p.code, name: p.name, seatsPurchased: p.seatsPurchased, seatsLeft: p.seatsLeft, assigned: licences.productCodes.includes(p.code) }))}
      actions={canAssign ? { add: addProductsAction, remove: removeProductsAction } : undefined}
      icons={{ add: <PackagePlus className="size-4" aria-hidden />, remove: <PackageMinus className="size-4" aria-hidden /> }}
    />
  );
}

async function Settings({ accountId, user, canAssign }: { accountId: string; user: { id: string; name: string }; canAssign: boolean }) {
  const [licences, products] = await Promise.all([findUserLicences(getDb(), accountId, user.id), canAssign ? accountProducts(getDb(), accountId) : []]);
  if (!licences) notFound();
  const remoteSupport = products.find((p) => p.code === REMOTE_SUPPORT);
  return (
    <CapabilitySwitches
      userId={user.id}
      values={licences.capabilities}
      available={licences.remoteSupport}
      action={canAssign ? updateCapabilitiesAction : undefined}
      unavailableAction={remoteSupport && (
        <AddProductsButton
          user={user}
          product={{ code: remoteSupport.code, name: remoteSupport.name }}
          products={products.map((p) => ({ code: p.code, name: p.name, seatsPurchased: p.seatsPurchased, seatsLeft: p.seatsLeft }))}
          fallbackHref={`/people/users/${user.id}?tab=products`}
          icon={<PackagePlus className="size-4" aria-hidden />}
        />
      )}
    />
  );
}

async function Activity({ accountId, userId, timeZone, locale, after }: { accountId: string; userId: string; timeZone: string; locale: AppLocale; after?: string }) {
  const [{ events, nextCursor }, auditReader] = await Promise.all([listAuditEvents(getDb(), accountId, parseAuditCursor(after), { userId }), permittedUser("audit.read")]);
  const described = await describeAuditPage(getDb(), accountId, events, { locale, timeZone });
  return <UserActivity userId={userId} events={described} nextCursor={nextCursor} timeZone={timeZone} linkDetails={auditReader !== null} />;
}
