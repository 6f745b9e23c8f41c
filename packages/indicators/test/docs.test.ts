import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { renderIndicatorDocs } from '../scripts/indicator-docs';
import { listIndicators } from '../src/index';

const docPath = join(findRepoRoot() ?? '../..', 'docs', 'indicators.md');

describe('docs/indicators.md', () => {
  it('is exactly what the generator renders from the registry metadata', () => {
    const rendered = renderIndicatorDocs(listIndicators());
    // `pnpm --filter @trade/indicators docs` sets UPDATE_DOCS=1 to rewrite the committed file.
    if (process.env.UPDATE_DOCS === '1') writeFileSync(docPath, rendered);
    expect(readFileSync(docPath, 'utf8')).toBe(rendered);
  });

  it('documents every indicator of the registry', () => {
    const text = readFileSync(docPath, 'utf8');
    for (const meta of listIndicators()) expect(text).toContain(`\`${meta.name}\` — ${meta.title}`);
  });
});
