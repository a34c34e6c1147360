import { ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { DomainError } from '@yakuba/contracts';
import { downloadDisposition } from '@yakuba/platform';

/** A malformed id is "not found", like an unknown one. */
export const surveyId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', 'survey not found') });

export const csvFile = (bytes: Buffer, name: string) =>
  new StreamableFile(bytes, {
    type: 'text/csv; charset=utf-8',
    disposition: downloadDisposition('attachment', `${name}.csv`),
    length: bytes.length,
  });

/** OpenAPI response schemas of the contract types most read by integrations (libs/contracts/src/surveys.ts). */
const kpiSchema = {
  type: 'object',
  properties: {
    key: { type: 'string', nullable: true },
    target: { type: 'number' },
    agreeValues: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
    agree: { type: 'integer' },
    n: { type: 'integer' },
    population: { type: 'integer' },
    share: { type: 'number', nullable: true },
    interval: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    bounds: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    verdict: { type: 'string', enum: ['met', 'not_met', 'unclear'] },
  },
};

const CROSS_GROUP_SCHEMA = {
  type: 'object',
  properties: {
    value: { type: 'string', nullable: true },
    label: { type: 'string' },
    suppressed: { type: 'boolean' },
    responded: { type: 'integer' },
    reason: { type: 'string', enum: ['below_threshold', 'complementary'] },
  },
};

export const RESULTS_SCHEMA = {
  type: 'object',
  properties: {
    surveyId: { type: 'string', format: 'uuid' },
    invited: { type: 'integer' },
    responded: { type: 'integer' },
    threshold: { type: 'integer' },
    suppressed: { type: 'boolean' },
    responseRate: {
      type: 'object',
      properties: { invited: { type: 'integer' }, responded: { type: 'integer' }, rate: { type: 'number' } },
    },
    ratesByDepartment: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          departmentId: { type: 'string', nullable: true },
          label: { type: 'string' },
          invited: { type: 'integer' },
          responded: { type: 'integer', nullable: true },
          rate: { type: 'number', nullable: true },
        },
      },
    },
    questions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          type: { type: 'string' },
          answered: { type: 'integer' },
          counts: { type: 'object', additionalProperties: { type: 'integer' } },
          texts: { type: 'array', items: { type: 'string' }, nullable: true },
          suppressed: { type: 'boolean' },
          kpi: kpiSchema,
        },
      },
    },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          dimension: { type: 'string', enum: ['department', 'position'] },
          value: { type: 'string', nullable: true },
          label: { type: 'string' },
          suppressed: { type: 'boolean' },
          reason: { type: 'string', enum: ['below_threshold', 'complementary'] },
          responded: { type: 'integer' },
        },
      },
    },
    cross: {
      type: 'object',
      description: 'Department × position (when the survey breaks down by both); hidden cells and totals carry no count',
      properties: {
        departments: { type: 'array', items: CROSS_GROUP_SCHEMA },
        positions: { type: 'array', items: CROSS_GROUP_SCHEMA },
        cells: {
          type: 'array',
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                suppressed: { type: 'boolean' },
                responded: { type: 'integer' },
                reason: { type: 'string', enum: ['below_threshold', 'complementary'] },
              },
            },
          },
        },
      },
    },
  },
};

export const SURVEY_SCHEMA = {
  type: 'object',
  description: 'SurveyDetail (libs/contracts/src/surveys.ts)',
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'scheduled', 'open', 'closed'] },
    anonymous: { type: 'boolean' },
    allowEdit: { type: 'boolean' },
    seriesId: { type: 'string', format: 'uuid' },
    wave: { type: 'integer' },
    opensAt: { type: 'string', format: 'date-time', nullable: true },
    closesAt: { type: 'string', format: 'date-time' },
    invited: { type: 'integer' },
    responded: { type: 'integer' },
    version: { type: 'integer' },
    questions: { type: 'array', items: { type: 'object', additionalProperties: true } },
    sections: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

export const MY_SURVEYS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      title: { type: 'string' },
      anonymous: { type: 'boolean' },
      allowEdit: { type: 'boolean' },
      closesAt: { type: 'string', format: 'date-time' },
      questionCount: { type: 'integer' },
      answered: { type: 'boolean' },
    },
  },
};
