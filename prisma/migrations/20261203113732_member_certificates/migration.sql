-- CreateTable
CREATE TABLE "certificate_authorities" (
    "id" INTEGER NOT NULL,
    "certPem" TEXT NOT NULL,
    "keySecret" TEXT NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificate_authorities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_certificates" (
    "id" SERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "serial" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_certificates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "member_certificates_notAfter_idx" ON "member_certificates"("notAfter");

-- CreateIndex
CREATE UNIQUE INDEX "member_certificates_clusterId_hostId_key" ON "member_certificates"("clusterId", "hostId");

-- AddForeignKey
ALTER TABLE "member_certificates" ADD CONSTRAINT "member_certificates_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_certificates" ADD CONSTRAINT "member_certificates_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "hosts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
