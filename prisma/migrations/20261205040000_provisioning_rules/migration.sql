-- Settings > Provisioning: a product for the members of a group SCIM manages (issue 17)
-- CreateTable
CREATE TABLE "ProvisioningRule" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisioningRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProvisioningRule_accountId_idx" ON "ProvisioningRule"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningRule_groupId_subscriptionId_key" ON "ProvisioningRule"("groupId", "subscriptionId");

-- AddForeignKey
ALTER TABLE "ProvisioningRule" ADD CONSTRAINT "ProvisioningRule_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningRule" ADD CONSTRAINT "ProvisioningRule_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "UserGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningRule" ADD CONSTRAINT "ProvisioningRule_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

