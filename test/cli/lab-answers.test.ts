// The `lab` environment's guard, without Docker: which containers say that a system is the lab's own.
import { describe, expect, it } from 'vitest';
import { containersAreTheLabs } from '../../engine/lab/answers.js';

const root = '/work/labs/a';
const ours = { exists: true, lab: root };
const missing = { exists: false };

describe('containersAreTheLabs', () => {
  it('a system whose containers all carry the lab label is the lab', () => {
    expect(containersAreTheLabs([ours, ours, ours], root)).toBe(true);
  });

  it('a container that is gone (the incident a runbook repairs) still lets the lab answer', () => {
    expect(containersAreTheLabs([ours, missing, ours, ours], root)).toBe(true);
  });

  it('no container at all, a container without the label or with another lab root: not the lab', () => {
    expect(containersAreTheLabs([missing, missing], root)).toBe(false);
    expect(containersAreTheLabs([ours, { exists: true }], root)).toBe(false);
    expect(containersAreTheLabs([ours, { exists: true, lab: '/work/labs/b' }, missing], root)).toBe(false);
  });
});
