import { requirePermission } from "@/lib/auth/require";

// Checked here, outside the users list's loading boundary, so a refused request answers 404
// before anything streams. Pages still check their own permission.
export default async function PeopleLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("users.read");
  return children;
}
