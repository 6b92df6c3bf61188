import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../bin/node-version.js';

describe('the Node.js version check that runs before the command line loads', () => {
  it.each([
    ['16.20.2', true],
    ['18.19.0', true],
    ['20.11.1', true],
    ['20.18.3', true],
    ['20.19.0', false],
    ['20.20.2', false],
    ['22.12.0', false],
    ['24.1.0', false],
  ])('Node %s is refused: %s', (version, refused) => {
    const problem = nodeVersionProblem(version);
    expect(problem !== null).toBe(refused);
    if (problem) expect(problem).toContain(`this is ${version}`);
  });

  it('says which version is needed', () => {
    expect(nodeVersionProblem('18.0.0')).toMatch(/Node\.js 20\.19 or later is needed/);
  });
});
