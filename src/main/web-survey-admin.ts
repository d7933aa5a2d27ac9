import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Executor } from '../db/transaction.ts';
import type { JobQueue } from '../jobs/job.types.ts';
import { UserError } from '../shared/errors.ts';
import { invitationsOfAuthority, issueAuthorityLink } from '../surveys/authority-invitations.ts';
import { isOpen } from '../surveys/campaign.rules.ts';
import { type CampaignRow, getCampaign, listCampaigns } from '../surveys/campaigns.repository.ts';
import { createCampaign, sendMails } from '../surveys/campaigns.service.ts';
import { importRecipients } from '../surveys/recipients-import.ts';
import { recipientGroupCounts } from '../surveys/response-rates.query.ts';
import { responseRates } from '../surveys/response-rates.rules.ts';
import { listTemplates } from '../surveys/templates.ts';
import type { CampaignOverview, SurveyAdminServices } from '../web/routes/admin-survey-routes.ts';
import type { SurveyInvitationServices } from '../web/routes/authority-survey-invitations.ts';

/** The surveys' back office as the web uses it: administrators' pages and the authority space. */
export function buildSurveyAdmin(
  db: Executor,
  options: { jobs: Pick<JobQueue, 'enqueueMany'>; now: () => Date; publicUrl?: string },
): { surveyAdmin: SurveyAdminServices; surveyInvitations: SurveyInvitationServices } {
  const { now, publicUrl } = options;
  const overview = async (row: CampaignRow): Promise<CampaignOverview> => {
    const campaign = await getCampaign(db, row.slug);
    return {
      slug: campaign.slug,
      title: campaign.title,
      template: campaign.template,
      edition: campaign.edition,
      closesAt: campaign.closes_at,
      open: isOpen(campaign.closes_at, now()),
      rates: responseRates(await recipientGroupCounts(db, campaign.id)),
    };
  };
  return {
    surveyAdmin: {
      canSend: publicUrl !== undefined,
      campaigns: async () => Promise.all((await listCampaigns(db)).map(overview)),
      campaign: async (slug) => overview(await getCampaign(db, slug)),
      templates: () => listTemplates(),
      create: async (input, actor) => createCampaign(db, { ...input, by: actor }, now()),
      async importRecipients(slug, upload, { actor, profile }) {
        // The import reads a file, as on the command line: the upload is kept under its own name
        // (located problems name it) in a private directory, removed whatever happens.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-recipients-'));
        try {
          const file = path.join(
            dir,
            path.basename(upload.name).replace(/[^\p{L}\p{N}._ -]/gu, '_') || 'destinataires.csv',
          );
          fs.writeFileSync(file, upload.bytes);
          return await importRecipients(db, slug, file, {
            now: now(),
            actor,
            ...(profile ? { profile } : {}),
          });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
      async send(slug, mode, actor) {
        if (!publicUrl)
          throw new UserError(
            'config_invalid',
            'BAROMETRE_PUBLIC_URL doit être défini pour écrire les liens des courriels : aucun courriel envoyé.',
          );
        return sendMails(db, slug, mode, {
          enqueue: (kind, payloads) => options.jobs.enqueueMany(kind, payloads),
          publicUrl,
          actor,
          now: now(),
        });
      },
    },
    surveyInvitations: {
      of: (authorityId) => invitationsOfAuthority(db, authorityId, now()),
      open: (input) => issueAuthorityLink(db, input, now()),
    },
  };
}
