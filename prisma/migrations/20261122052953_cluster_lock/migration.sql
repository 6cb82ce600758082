-- CreateTable
CREATE TABLE "cluster_locks" (
    "clusterId" INTEGER NOT NULL,
    "operationId" INTEGER NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_locks_pkey" PRIMARY KEY ("clusterId")
);

-- CreateIndex
CREATE UNIQUE INDEX "cluster_locks_operationId_key" ON "cluster_locks"("operationId");

-- AddForeignKey
ALTER TABLE "cluster_locks" ADD CONSTRAINT "cluster_locks_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_locks" ADD CONSTRAINT "cluster_locks_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
