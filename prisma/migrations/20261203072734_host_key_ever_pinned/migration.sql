-- AlterTable
ALTER TABLE "hosts" ADD COLUMN     "hostKeyEverPinned" BOOLEAN NOT NULL DEFAULT false;

-- Hosts pinned before this column existed had a key pinned.
UPDATE "hosts" SET "hostKeyEverPinned" = true WHERE "hostKeyFingerprint" IS NOT NULL;
