-- CreateEnum
CREATE TYPE "PgVia" AS ENUM ('direct', 'ssh_tunnel');

-- AlterTable
ALTER TABLE "hosts" ADD COLUMN     "pgVia" "PgVia" NOT NULL DEFAULT 'direct';

-- CreateTable
CREATE TABLE "host_discoveries" (
    "hostId" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "hint" TEXT,
    "presentedFingerprint" TEXT,
    "presentedKeyType" TEXT,
    "facts" JSONB,

    CONSTRAINT "host_discoveries_pkey" PRIMARY KEY ("hostId")
);

-- AddForeignKey
ALTER TABLE "host_discoveries" ADD CONSTRAINT "host_discoveries_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "hosts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
