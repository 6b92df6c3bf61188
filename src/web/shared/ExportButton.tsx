import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { withQuery, type QueryValue } from '../app/api.ts';

/** The CSV download of every row a list shows: its filters and order, all pages. */
export function exportUrl(
  path: string,
  list: Record<string, QueryValue> & { limit?: number; offset?: number | undefined; cursor?: string | undefined },
): string {
  const { limit: _limit, offset: _offset, cursor: _cursor, ...filters } = list;
  return withQuery(`${path}/export.csv`, filters);
}

/** "Export CSV" beside a list's main action; the browser downloads the file. */
export function ExportButton({ href, noun }: { href: string; noun: string }) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      leftSection={<IconDownload size={16} />}
      title={`Every ${noun} this list shows, with its filters and order, as a spreadsheet (CSV)`}
    >
      Export CSV
    </Button>
  );
}
