import type { FastifyReply } from 'fastify';
import { idParamsSchema } from '../../contract/common.ts';
import {
  proposalEditBodySchema,
  proposalFormatQuerySchema,
  proposalListSchema,
  proposalParamsSchema,
  proposalSchema,
  proposalTemplateBodySchema,
  proposalTemplateSchema,
} from '../../contract/proposals.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { sendPdf } from '../reviews/index.ts';
import { renderProposalDocx } from './proposal.docx.ts';
import { renderProposalPdf } from './proposal.pdf.ts';
import {
  editProposal,
  generateProposal,
  getProposal,
  getTemplate,
  listProposals,
  markProposalSent,
  saveTemplate,
  splitFormat,
} from './proposals.service.ts';

const tags = ['proposals'];

function sendDocx(reply: FastifyReply, name: string, docx: Buffer): FastifyReply {
  return reply.type(DOCX).header('content-disposition', `attachment; filename="${name}"`).send(docx);
}
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function proposalRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/opportunities/:id/proposals',
    {
      schema: {
        tags,
        summary:
          "Write a new proposal draft from the deal's knowledge as it stands, through the organization's template",
        params: idParamsSchema,
        response: { 201: proposalSchema, 404: errorResponses[404] },
      },
    },
    async (request, reply) => reply.status(201).send(await generateProposal(deps, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/opportunities/:id/proposals',
    {
      schema: {
        tags,
        summary: "A deal's proposal versions, newest first, with who made each and when",
        params: idParamsSchema,
        response: { 200: proposalListSchema, 404: errorResponses[404] },
      },
    },
    async (request) => listProposals(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/opportunities/:id/proposals/:pid',
    {
      schema: {
        tags,
        summary:
          'One version: JSON with the notes to the seller and the internal appendix, or the customer document alone as `<pid>.docx`, `<pid>.pdf` (or ?format=docx|pdf)',
        params: proposalParamsSchema,
        querystring: proposalFormatQuerySchema,
        produces: ['application/json', DOCX, 'application/pdf'],
        response: { 200: proposalSchema, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      const { id, format: fromPath } = splitFormat(request.params.pid);
      const format = fromPath ?? request.query.format ?? 'json';
      if (fromPath && request.query.format && request.query.format !== fromPath) throw notFound('Proposal');
      const proposal = await getProposal(deps, actorOf(request), request.params.id, id);
      if (format === 'json') return proposal;
      const title = `Proposal for ${proposal.madeFrom.accountName}`;
      const file = `proposal-${proposal.madeFrom.dealName.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60) || 'deal'}-v${proposal.number}`;
      if (format === 'pdf') return sendPdf(reply, `${file}.pdf`, renderProposalPdf(proposal.text, title));
      return sendDocx(reply, `${file}.docx`, await renderProposalDocx(proposal.text, title));
    },
  );

  app.put(
    '/api/opportunities/:id/proposals/:pid',
    {
      schema: {
        tags,
        summary: "A seller's edit of a version's text, kept as a new version based on it (the history stays)",
        params: proposalParamsSchema,
        body: proposalEditBodySchema,
        response: { 201: proposalSchema, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await editProposal(deps, actorOf(request), request.params.id, request.params.pid, request.body.text)),
  );

  app.post(
    '/api/opportunities/:id/proposals/:pid/sent',
    {
      schema: {
        tags,
        summary:
          'Record that this version went to the customer (once); the deal is re-assessed: sent while key objectives are unknown is a danger zone',
        params: proposalParamsSchema,
        response: { 200: proposalSchema, 404: errorResponses[404] },
      },
    },
    async (request) => markProposalSent(deps, actorOf(request), request.params.id, request.params.pid),
  );

  app.get(
    '/api/proposal-template',
    {
      schema: {
        tags,
        summary:
          "The organization's proposal template (the default until an administrator saves one) and its placeholders",
        response: { 200: proposalTemplateSchema },
      },
    },
    async (request) => getTemplate(deps, actorOf(request)),
  );

  app.put(
    '/api/proposal-template',
    {
      schema: {
        tags,
        summary:
          'Replace the proposal template at the version seen; an unknown placeholder is refused, named (administrators)',
        body: proposalTemplateBodySchema,
        response: { 200: proposalTemplateSchema, ...errorResponses },
      },
    },
    async (request) => saveTemplate(deps, actorOf(request), request.body),
  );
}
