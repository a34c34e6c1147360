import { Injectable } from '@nestjs/common';
import exifr from 'exifr';
import type { ReadStream } from 'node:fs';
import { DomainError, type DamageCategory, type DamagePhotoView, type DamageReportView, type DamageStatus } from '@yakuba/contracts';
import { DomainEvents, FileStore, isUuid, sniffMediaType, uploadFileName, type Principal } from '@yakuba/platform';
import { actorOf, canRun, rows, DisasterStore, type DisasterRow } from './disaster-store';
import { assertActive } from './domain/disaster-rules';
import { CATEGORY_LABELS, STATUS_LABELS, SEVERITY_LABELS, photoLocation } from './domain/damage-rules';
import type { DamageListQuery, DamagePatchDto, DamageReportDto } from './dto/disasters.dto';

interface ReportRow {
  id: string;
  disaster_id: string;
  number: number;
  place: string;
  category: DamageCategory;
  severity: number;
  lat: number | null;
  lng: number | null;
  note: string | null;
  status: DamageStatus;
  assignee_id: string | null;
  reporter_id: string;
  thread_root_id: string | null;
  created_at: Date;
  updated_at: Date;
  photos: { id: string; name: string; media_type: string; size: string; lat: number | null; lng: number | null; taken_at: string | null }[];
}

const REPORT_SQL = `SELECT r.*, COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'media_type', p.media_type, 'size', p.size,
    'lat', p.lat, 'lng', p.lng, 'taken_at', p.taken_at) ORDER BY p.created_at) FROM disaster_damage_photos p WHERE p.report_id = r.id), '[]'::json) AS photos
  FROM disaster_damage_reports r`;

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
export const MAX_PHOTOS = 6;

function view(r: ReportRow): DamageReportView {
  const photos: DamagePhotoView[] = r.photos.map((p) => ({
    id: p.id,
    name: p.name,
    mediaType: p.media_type,
    size: Number(p.size),
    url: `/api/disasters/${r.disaster_id}/damage-reports/${r.id}/photos/${p.id}`,
    lat: p.lat,
    lng: p.lng,
    takenAt: p.taken_at ? new Date(p.taken_at).toISOString() : null,
  }));
  return {
    id: r.id,
    disasterId: r.disaster_id,
    number: r.number,
    place: r.place,
    category: r.category,
    severity: r.severity,
    lat: r.lat,
    lng: r.lng,
    note: r.note,
    status: r.status,
    assigneeId: r.assignee_id,
    reporterId: r.reporter_id,
    photos,
    threadRootId: r.thread_root_id ?? '',
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

interface PhotoInput {
  key: string;
  name: string;
  mediaType: string;
  size: number;
  lat: number | null;
  lng: number | null;
  takenAt: Date | null;
}

/** 被害報告: filed with photos (type from the bytes, GPS from EXIF), a board by status and category, a thread each. */
@Injectable()
export class DamageService {
  constructor(
    private readonly store: DisasterStore,
    private readonly files: FileStore,
    private readonly events: DomainEvents,
  ) {}

  private async photos(files: Express.Multer.File[]): Promise<PhotoInput[]> {
    if (files.length > MAX_PHOTOS) throw new DomainError('bad_request', `photos: at most ${MAX_PHOTOS}`);
    const out: PhotoInput[] = [];
    for (const file of files) {
      if (file.size > this.files.maxBytes)
        throw new DomainError('too_large', `a photo is larger than ${Math.round(this.files.maxBytes / 1048576)} MB`);
      const mediaType = await sniffMediaType(file.buffer);
      if (!mediaType || !IMAGE_TYPES.has(mediaType))
        throw new DomainError('unsupported_media_type', 'photos: only JPEG, PNG, WebP or GIF images');
      const exif = await readExif(file.buffer);
      out.push({ key: '', name: uploadFileName(file.originalname, 'photo'), mediaType, size: file.size, ...exif });
    }
    // Stored only once every photo passed: a refused report leaves no file behind.
    for (let i = 0; i < out.length; i++) out[i].key = await this.files.put(files[i].buffer);
    return out;
  }

  async create(user: Principal, disasterId: string, dto: DamageReportDto, files: Express.Multer.File[] = []): Promise<DamageReportView> {
    const disaster = await this.store.load(user, disasterId);
    assertActive(disaster);
    if (!dto.place.trim()) throw new DomainError('bad_request', 'place: must not be blank');
    if ((dto.lat === undefined || dto.lat === null) !== (dto.lng === undefined || dto.lng === null))
      throw new DomainError('bad_request', 'lat, lng: give both or neither');
    // Sent again with its key (an outbox resend after a lost answer): the report filed the first time.
    const filed = dto.clientReportId ? await this.byClientKey(disaster.id, user.id, dto.clientReportId) : undefined;
    if (filed) return view(await this.one(disaster.id, filed));
    const photos = await this.photos(files);
    const where = dto.lat !== undefined && dto.lat !== null ? { lat: dto.lat, lng: dto.lng! } : photoLocation(photos);
    const id = await this.store.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`damage:${disaster.id}`]);
      // Under the report lock, a concurrent send of the same key has committed or not: filed once either way.
      const again = dto.clientReportId ? await this.byClientKey(disaster.id, user.id, dto.clientReportId, m) : undefined;
      if (again) return { id: again, number: 0, again: true };
      const [row] = await rows<{ id: string; number: number }>(
        m,
        `INSERT INTO disaster_damage_reports (disaster_id, number, place, category, severity, lat, lng, note, reporter_id, client_report_id)
         SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM disaster_damage_reports WHERE disaster_id = $1 RETURNING id, number`,
        [
          disaster.id,
          dto.place.trim(),
          dto.category,
          dto.severity,
          where?.lat ?? null,
          where?.lng ?? null,
          dto.note ?? null,
          user.id,
          dto.clientReportId ?? null,
        ],
      );
      for (const p of photos)
        await m.query(
          `INSERT INTO disaster_damage_photos (report_id, file_key, name, media_type, size, lat, lng, taken_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [row.id, p.key, p.name, p.mediaType, p.size, p.lat, p.lng, p.takenAt],
        );
      await this.store.record(
        m,
        disaster.id,
        'damage_reported',
        actorOf(user),
        `被害報告 #${row.number}：${CATEGORY_LABELS[dto.category]}・${dto.place.trim()}（${SEVERITY_LABELS[dto.severity]}）${photos.length ? `・写真${photos.length}枚` : ''}${dto.note ? `・${dto.note}` : ''}`,
        row.id,
      );
      return { ...row, again: false };
    });
    // Its photos were stored under their content's hash: the same bytes as the first send's, nothing left over.
    if (id.again) return view(await this.one(disaster.id, id.id));
    // The report's own discussion: a message in the disaster channel whose thread replies (chat:send threadRootId) discuss it.
    const root = await this.store.channels.post(disaster.channel_id, {
      authorId: user.id,
      system: false,
      clientMsgId: `damage:${id.id}`,
      body: `【被害報告 #${id.number}】${CATEGORY_LABELS[dto.category]}・${dto.place.trim()}（${SEVERITY_LABELS[dto.severity]}）${dto.note ? `\n${dto.note}` : ''}`,
    });
    await this.store.db.query('UPDATE disaster_damage_reports SET thread_root_id = $2 WHERE id = $1', [id.id, root.id]);
    return this.publish(disaster, id.id);
  }

  private async byClientKey(disasterId: string, reporterId: string, key: string, m = this.store.db.manager): Promise<string | undefined> {
    const [row] = await rows<{ id: string }>(
      m,
      'SELECT id FROM disaster_damage_reports WHERE disaster_id = $1 AND reporter_id = $2 AND client_report_id = $3',
      [disasterId, reporterId, key],
    );
    return row?.id;
  }

  private async one(disasterId: string, reportId: string): Promise<ReportRow> {
    const [row] = isUuid(reportId)
      ? await rows<ReportRow>(this.store.db.manager, `${REPORT_SQL} WHERE r.id = $1 AND r.disaster_id = $2`, [reportId, disasterId])
      : [];
    if (!row) throw new DomainError('not_found', 'damage report not found');
    return row;
  }

  private async publish(disaster: DisasterRow, reportId: string): Promise<DamageReportView> {
    const report = view(await this.one(disaster.id, reportId));
    this.events.publish('disasters.damage', {
      disasterId: disaster.id,
      memberIds: await this.store.channels.memberIds(disaster.channel_id),
      report,
    });
    return report;
  }

  async list(user: Principal, disasterId: string, query: DamageListQuery): Promise<DamageReportView[]> {
    const disaster = await this.store.load(user, disasterId);
    const params: unknown[] = [disaster.id];
    let where = 'r.disaster_id = $1';
    if (query.status) where += ` AND r.status = $${params.push(query.status)}`;
    if (query.category) where += ` AND r.category = $${params.push(query.category)}`;
    return (await rows<ReportRow>(this.store.db.manager, `${REPORT_SQL} WHERE ${where} ORDER BY r.number DESC`, params)).map(view);
  }

  async get(user: Principal, disasterId: string, reportId: string): Promise<DamageReportView> {
    const disaster = await this.store.load(user, disasterId);
    return view(await this.one(disaster.id, reportId));
  }

  /** Status and assignee: by those who run the disaster, the reporter, or the assignee. */
  async patch(user: Principal, disasterId: string, reportId: string, dto: DamagePatchDto): Promise<DamageReportView> {
    const disaster = await this.store.load(user, disasterId);
    const before = await this.one(disaster.id, reportId);
    assertActive(disaster);
    if (!(canRun(user) && !user.guest) && user.id !== before.reporter_id && user.id !== before.assignee_id)
      throw new DomainError('forbidden', 'only officers, the reporter or the assignee change a report');
    if (dto.status === undefined && dto.assigneeId === undefined)
      throw new DomainError('bad_request', 'status, assigneeId: give at least one');
    if (dto.assigneeId && !(await this.store.channels.isMember(disaster.channel_id, dto.assigneeId)))
      throw new DomainError('bad_request', 'assigneeId: not a member of the disaster channel');
    await this.store.db.transaction(async (m) => {
      await m.query(
        `UPDATE disaster_damage_reports SET status = COALESCE($2, status), assignee_id = CASE WHEN $3::boolean THEN $4::uuid ELSE assignee_id END,
           updated_at = clock_timestamp() WHERE id = $1`,
        [reportId, dto.status ?? null, dto.assigneeId !== undefined, dto.assigneeId ?? null],
      );
      const parts: string[] = [];
      if (dto.status && dto.status !== before.status) parts.push(`${STATUS_LABELS[before.status]} → ${STATUS_LABELS[dto.status]}`);
      if (dto.assigneeId !== undefined && dto.assigneeId !== before.assignee_id)
        parts.push(`担当：${dto.assigneeId ? await this.store.displayName(dto.assigneeId) : 'なし'}`);
      if (parts.length)
        await this.store.record(
          m,
          disaster.id,
          'damage_updated',
          actorOf(user),
          `被害報告 #${before.number}：${parts.join('、')}`,
          reportId,
        );
    });
    return this.publish(disaster, reportId);
  }

  async photo(
    user: Principal,
    disasterId: string,
    reportId: string,
    photoId: string,
  ): Promise<{ stream: ReadStream; mediaType: string; name: string }> {
    const disaster = await this.store.load(user, disasterId);
    await this.one(disaster.id, reportId);
    const [row] = isUuid(photoId)
      ? await rows<{ file_key: string; media_type: string; name: string }>(
          this.store.db.manager,
          'SELECT file_key, media_type, name FROM disaster_damage_photos WHERE id = $1 AND report_id = $2',
          [photoId, reportId],
        )
      : [];
    if (!row) throw new DomainError('not_found', 'photo not found');
    return { stream: this.files.open(row.file_key), mediaType: row.media_type, name: row.name };
  }
}

/** GPS and the time taken from a photo's EXIF (exifr); nothing when it has none or cannot be read. */
async function readExif(bytes: Buffer): Promise<{ lat: number | null; lng: number | null; takenAt: Date | null }> {
  try {
    const data = (await exifr.parse(bytes, { gps: true, tiff: true, exif: true, xmp: false, icc: false, iptc: false })) as
      { latitude?: number; longitude?: number; DateTimeOriginal?: Date } | undefined;
    const ok = (v: unknown, limit: number): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;
    const lat = ok(data?.latitude, 90) ? data.latitude : null;
    const lng = ok(data?.longitude, 180) ? data.longitude : null;
    const taken = data?.DateTimeOriginal instanceof Date && !Number.isNaN(data.DateTimeOriginal.getTime()) ? data.DateTimeOriginal : null;
    return { lat: lat !== null && lng !== null ? lat : null, lng: lat !== null && lng !== null ? lng : null, takenAt: taken };
  } catch {
    return { lat: null, lng: null, takenAt: null };
  }
}
