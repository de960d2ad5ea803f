-- CreateIndex
CREATE INDEX "Invitation_accountId_kind_createdAt_idx" ON "Invitation"("accountId", "kind", "createdAt" DESC);

