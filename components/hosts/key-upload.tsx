'use client';

/** Reads a private key file in the browser into the key field; nothing is uploaded on its own. */
export function KeyUpload({ onLoad }: { onLoad: (text: string) => void }) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-xs text-muted hover:text-ink">
      <span className="rounded border border-line px-2 py-1">Load key from file…</span>
      <input
        type="file"
        className="sr-only"
        data-testid="key-file"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) onLoad(await file.slice(0, 16_385).text());
          event.target.value = '';
        }}
      />
    </label>
  );
}
