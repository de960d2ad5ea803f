-- CreateIndex
CREATE INDEX "User_accountId_twoStepEnabled_nameKey_id_idx" ON "User"("accountId", "twoStepEnabled", "nameKey", "id");

-- CreateIndex
CREATE INDEX "User_accountId_twoStepEnabled_email_id_idx" ON "User"("accountId", "twoStepEnabled", "email", "id");

