-- CreateIndex
CREATE INDEX "AuditEvent_accountId_action_createdAt_idx" ON "AuditEvent"("accountId", "action", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_actorId_createdAt_idx" ON "AuditEvent"("accountId", "actorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_targetId_idx" ON "AuditEvent"("accountId", "targetId");
