import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { classifyHost, loadTrackerCatalogue, parseTrackerCatalogue } from './trackers.catalogue.ts';

describe('tracker catalogue', () => {
  const shipped = loadTrackerCatalogue();

  it('ships a valid list covering the well-known analytics, ads and social hosts', () => {
    for (const host of [
      'www.google-analytics.com',
      'www.googletagmanager.com',
      'stats.g.doubleclick.net',
      'connect.facebook.net',
      'static.hotjar.com',
      'cdn.matomo.cloud',
      'logc1.xiti.com',
      'tag.aticdn.net',
      'www.youtube.com',
      'platform.twitter.com',
      'snap.licdn.com',
      'analytics.tiktok.com',
    ]) {
      expect(classifyHost(host, shipped).kind, host).toBe('tracker');
    }
  });

  it('matches a listed host and its subdomains only', () => {
    expect(classifyHost('facebook.net', shipped).kind).toBe('tracker');
    expect(classifyHost('notfacebook.net', shipped).kind).toBe('unlisted');
  });

  it('lists youtube-nocookie.com as recognised but not a tracker', () => {
    expect(classifyHost('www.youtube-nocookie.com', shipped)).toMatchObject({ kind: 'not_tracker' });
  });

  it('reports invalid entries with their line and field', () => {
    const yaml = [
      'version: "x"',
      'trackers:',
      '  - key: bad',
      '    name: Bad',
      '    company: X',
      '    category: spying',
      '    hosts: [HTTPS://Bad.com/]',
    ].join('\n');
    try {
      parseTrackerCatalogue(yaml);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const problems = (error as UserError).problems;
      expect(problems).toContainEqual(expect.objectContaining({ line: 6, field: 'trackers.0.category' }));
      expect(problems).toContainEqual(expect.objectContaining({ field: 'trackers.0.hosts.0' }));
    }
  });

  it('refuses a host listed twice', () => {
    const yaml = [
      'version: "x"',
      'trackers:',
      '  - { key: a, name: A, company: A, category: analytics, hosts: [a.com] }',
      '  - { key: b, name: B, company: B, category: analytics, hosts: [a.com] }',
    ].join('\n');
    expect(() => parseTrackerCatalogue(yaml)).toThrow(UserError);
  });
});
