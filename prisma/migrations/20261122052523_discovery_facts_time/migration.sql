-- AlterTable
ALTER TABLE "host_discoveries" ADD COLUMN     "factsAt" TIMESTAMP(3);
