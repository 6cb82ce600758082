-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('warning', 'critical');

-- CreateEnum
CREATE TYPE "WebhookFormat" AS ENUM ('slack', 'generic');

-- AlterTable
ALTER TABLE "cluster_members" ADD COLUMN     "fenceReason" TEXT,
ADD COLUMN     "fencedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "clusters" ADD COLUMN     "heartbeat" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "lagGuardBytes" BIGINT NOT NULL DEFAULT 16777216,
ADD COLUMN     "monitorRole" TEXT,
ADD COLUMN     "monitorSecret" TEXT,
ADD COLUMN     "pollIntervalMs" INTEGER NOT NULL DEFAULT 1000,
ADD COLUMN     "routingHooks" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "lag_samples" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "state" TEXT,
    "syncState" TEXT,
    "sentBytes" BIGINT,
    "writeBytes" BIGINT,
    "flushBytes" BIGINT,
    "replayBytes" BIGINT,
    "writeLagMs" INTEGER,
    "flushLagMs" INTEGER,
    "replayLagMs" INTEGER,
    "replyAgeMs" INTEGER,
    "receiveLsn" TEXT,
    "replayLsn" TEXT,
    "replayPaused" BOOLEAN,
    "lastReplayAt" TIMESTAMPTZ(3),
    "receiverStatus" TEXT,
    "heartbeatLagMs" INTEGER,

    CONSTRAINT "lag_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lag_rollups" (
    "clusterId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "replayBytesMin" BIGINT,
    "replayBytesAvg" BIGINT,
    "replayBytesMax" BIGINT,
    "flushBytesMax" BIGINT,
    "writeBytesMax" BIGINT,
    "replayLagMsMin" INTEGER,
    "replayLagMsAvg" INTEGER,
    "replayLagMsMax" INTEGER,
    "flushLagMsMax" INTEGER,
    "writeLagMsMax" INTEGER,
    "worstStatus" TEXT NOT NULL,

    CONSTRAINT "lag_rollups_pkey" PRIMARY KEY ("clusterId","hostId","minute")
);

-- CreateTable
CREATE TABLE "slot_samples" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "slotName" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "retainedBytes" BIGINT,
    "walStatus" TEXT,
    "safeWalSize" BIGINT,
    "diskFreeBytes" BIGINT,

    CONSTRAINT "slot_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" SERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "threshold" DOUBLE PRECISION,
    "forSeconds" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" SERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "hostId" INTEGER,
    "subject" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "ackComment" TEXT,

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "urlSecret" TEXT NOT NULL,
    "format" "WebhookFormat" NOT NULL,
    "minSeverity" "AlertSeverity" NOT NULL DEFAULT 'warning',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" SERIAL NOT NULL,
    "webhookId" INTEGER NOT NULL,
    "alertEventId" INTEGER,
    "event" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lag_samples_clusterId_at_idx" ON "lag_samples"("clusterId", "at");

-- CreateIndex
CREATE INDEX "lag_samples_at_idx" ON "lag_samples"("at");

-- CreateIndex
CREATE INDEX "lag_rollups_minute_idx" ON "lag_rollups"("minute");

-- CreateIndex
CREATE INDEX "slot_samples_clusterId_at_idx" ON "slot_samples"("clusterId", "at");

-- CreateIndex
CREATE INDEX "slot_samples_at_idx" ON "slot_samples"("at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_rules_clusterId_metric_severity_key" ON "alert_rules"("clusterId", "metric", "severity");

-- CreateIndex
CREATE INDEX "alert_events_clusterId_openedAt_idx" ON "alert_events"("clusterId", "openedAt");

-- CreateIndex
CREATE INDEX "alert_events_resolvedAt_idx" ON "alert_events"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "webhooks_name_key" ON "webhooks"("name");

-- CreateIndex
CREATE INDEX "webhook_deliveries_webhookId_at_idx" ON "webhook_deliveries"("webhookId", "at");

-- AddForeignKey
ALTER TABLE "lag_samples" ADD CONSTRAINT "lag_samples_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lag_rollups" ADD CONSTRAINT "lag_rollups_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_samples" ADD CONSTRAINT "slot_samples_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_alertEventId_fkey" FOREIGN KEY ("alertEventId") REFERENCES "alert_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;
