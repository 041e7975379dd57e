import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readProfile } from '../profile/profile.repository.ts';
import { agendaOrder, numberAgenda } from './agenda.ts';
import * as repo from './meetings.repository.ts';
import { renderNotice } from './notice.ts';
import { meetingName } from './ordinal.ts';

const DAY = 24 * 3600_000;

/** Midnight-based instant in Astana (UTC+5) `days` from now at `hour`:00 local time. */
function astana(now: Date, days: number, hour: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  const day = d.toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+05:00`);
}

const agenda: Array<{ en: string; ru: string; children?: Array<{ en: string; ru: string }> }> = [
  { en: 'Opening of the meeting', ru: 'Открытие заседания' },
  { en: 'Adoption of the agenda', ru: 'Утверждение повестки дня' },
  {
    en: 'Implementation of confidence-building measures',
    ru: 'Осуществление мер доверия',
    children: [
      { en: 'Report of the Secretariat', ru: 'Доклад Секретариата' },
      { en: 'Reports of the coordinating member states', ru: 'Доклады государств-координаторов' },
    ],
  },
  { en: 'Preparations for the Ministerial Council', ru: 'Подготовка к Совещанию министров иностранных дел' },
  { en: 'Date and venue of the next meeting', ru: 'Дата и место следующего заседания' },
  { en: 'Closing of the meeting', ru: 'Закрытие заседания' },
];

/**
 * The demo meeting: the Senior Officials Committee in Astana, hybrid, convened two weeks ahead with
 * its provisional agenda and its notice in the forum's languages, every member state invited and
 * Japan as an observer. Written with the demo's system actor and audited like any change.
 */
export async function loadMeetingsDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  const body = await repo.findBody(trx, 'SOC');
  if (!body) return [];
  const now = ctx.clock.now();
  const ordinal = await repo.nextOrdinal(trx, 'SOC');
  const members = await repo.partiesOfKind(trx, 'member-state');
  const observers = await repo.partiesByCodes(trx, ['JP']);
  const chair = members.find((p) => p.code === 'AZ') ?? null;
  const startsAt = astana(now, 14, 10);
  const endsAt = astana(now, 15, 18);
  const registrationDeadline = astana(now, 10, 18);
  const documentsDeadline = astana(now, 7, 18);
  const row = await repo.insertMeeting(trx, {
    body_code: 'SOC',
    ordinal,
    title: JSON.stringify({ en: 'Senior Officials Committee, Astana', ru: 'Комитет старших должностных лиц, Астана' }),
    starts_at: startsAt,
    ends_at: endsAt,
    time_zone: 'Asia/Almaty',
    venue_city: 'Astana',
    venue_country: 'KZ',
    online_url: 'https://meet.example.org/cica-soc',
    format: 'hybrid',
    status: 'convened',
    presiding_party_id: chair?.id ?? null,
    papers_access: 'members-and-observers',
    speaking_time_seconds: 300,
    registration_deadline: registrationDeadline,
    documents_deadline: documentsDeadline,
    convened_at: now,
    created_at: now,
    updated_at: now,
  });
  await repo.replaceInvitations(trx, row.id, [...members.map((p) => ({ partyId: p.id, role: 'member' as const })), ...observers.map((p) => ({ partyId: p.id, role: 'observer' as const }))]);
  let position = 0;
  for (const item of agenda) {
    const parent = await repo.insertItem(trx, { meeting_id: row.id, parent_id: null, position: position++, title: JSON.stringify({ en: item.en, ru: item.ru }), status: 'listed', created_at: now });
    let sub = 0;
    for (const child of item.children ?? []) {
      await repo.insertItem(trx, { meeting_id: row.id, parent_id: parent.id, position: sub++, title: JSON.stringify(child), status: 'listed', created_at: now });
    }
  }
  const items = await repo.itemsOf(trx, row.id);
  const numbers = numberAgenda(items);
  const profile = (await readProfile(trx)) as { officialLanguages?: string[] } | null;
  const bodyNames = body.names as Record<string, string>;
  const notice: Record<string, string> = {};
  for (const lang of [...new Set([...(profile?.officialLanguages ?? []), 'en'])]) {
    notice[lang] = renderNotice(lang, {
      meetingName: meetingName(lang, ordinal, bodyNames[lang] ?? bodyNames.en ?? 'SOC'),
      title: lang === 'ru' ? 'Комитет старших должностных лиц, Астана' : 'Senior Officials Committee, Astana',
      start: startsAt,
      end: endsAt,
      zone: 'Asia/Almaty',
      place: lang === 'ru' ? 'Астана, Казахстан' : 'Astana, Kazakhstan',
      format: 'hybrid',
      registrationDeadline,
      documentsDeadline,
      agenda: agendaOrder(items)
        .map((i) => `${numbers.get(i.id)}. ${(i.title as Record<string, string>)[lang] ?? (i.title as Record<string, string>).en}`)
        .join('\n'),
    });
  }
  await repo.updateMeeting(trx, row.id, { notice: JSON.stringify(notice) });
  await recordAudit(trx, ctx, { action: 'meetings.create', objectType: 'meeting', objectId: row.id, after: { demo: true, body: 'SOC', ordinal, status: 'convened' } });
  return [`Meetings: the ${meetingName('en', ordinal, bodyNames.en ?? 'SOC')} in Astana (hybrid), convened, with a ${items.length}-item agenda.`];
}
