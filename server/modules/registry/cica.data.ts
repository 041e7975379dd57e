/**
 * CICA reference facts, from /work/shared/domain/cica.md (sources are cited there; "SC" = s-cica.org).
 * Pure data: the profile module seeds from it and tests check it. Where the sources are vague the value
 * keeps their precision (a year stays a year) and an `uncertain` note says why; nothing is made more exact
 * than a source, except where a note says the month was inferred from a dated meeting.
 */
import type {
  BodyFacts,
  CatalogueVersion,
  CbmDimension,
  ChairTerm,
  ForumProfile,
  PartyFacts,
  SecretariatHead,
  StatusPeriod,
  TimelineEntry,
} from './registry.types.ts';

// ---------------------------------------------------------------------------------------------------------
// Profile

export const cicaProfile: ForumProfile = {
  code: 'cica',
  name: {
    en: 'Conference on Interaction and Confidence-Building Measures in Asia',
    ru: 'Совещание по взаимодействию и мерам доверия в Азии',
    zh: '亚洲相互协作与信任措施会议',
    vi: 'Hội nghị về Tương tác và các Biện pháp Xây dựng Lòng tin ở châu Á',
    ar: 'مؤتمر التفاعل وتدابير بناء الثقة في آسيا',
    fa: 'کنفرانس تعامل و اقدامات اعتمادساز در آسیا',
    kk: 'Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес',
    tr: "Asya'da İşbirliği ve Güven Artırıcı Önlemler Konferansı",
  },
  abbreviation: {
    en: 'CICA',
    ru: 'СВМДА',
    zh: '亚信会议',
    vi: 'CICA',
    ar: 'سيكا',
    fa: 'سیکا',
    kk: 'АӨСШК',
    tr: 'AİGK',
  },
  // No written rule on languages was found; English and Russian are what CICA uses in practice.
  officialLanguages: ['en', 'ru'],
  workingLanguages: ['en', 'ru'],
  symbolPrefix: 'CICA',
  seat: { city: 'Astana', country: 'KZ' },
  // Kazakhstan moved to a single UTC+5 on 2024-03-01. tzdata 2024a+ models this in Asia/Almaty (the zone
  // tzdata assigns to Astana); Node 20.20 (ICU tz 2025c) prints GMT+5 for it from 2024-03-01 and GMT+6
  // before, as it does for Asia/Qostanay. A host with tzdata older than 2024a would still say UTC+6.
  timeZone: 'Asia/Almaty',
  consensus: {
    // Practice at Astana 2022: adopted when no objection is raised. No written definition was found.
    definition: 'no-objection',
    observersMayComment: true,
    // One documented SOC silence period lasted two weeks (SC id=2128); the rest are Concord defaults.
    silenceDays: 14,
    silenceClosingHour: '18:00',
    reminderDaysBefore: [7, 2],
    requireWorkingLanguagesReady: true,
  },
  // The 25th-anniversary statement of Dec 2024 counts from the 1999 Declaration; the initiative was
  // proposed at the UN General Assembly on 1992-10-05.
  foundedYear: 1999,
  uncertain: [
    'officialLanguages',
    'workingLanguages',
    'consensus.definition',
    'consensus.observersMayComment',
    'consensus.silenceDays',
    'consensus.silenceClosingHour',
    'consensus.reminderDaysBefore',
    'consensus.requireWorkingLanguagesReady',
    'foundedYear',
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Parties

const FOUNDING_DATE = '1999-09-14';
const FOUNDERS_UNCERTAIN =
  'The 1st Ministerial (1999-09-14) had 15 states and 16 are counted as founders by 2002; ' +
  'which state joined in between is not established, so each founder is dated 1999-09-14.';

function founder(code: string): PartyFacts {
  return {
    code,
    kind: 'member-state',
    history: [{ status: 'member', from: FOUNDING_DATE, uncertain: FOUNDERS_UNCERTAIN }],
  };
}

function memberState(code: string, history: StatusPeriod[]): PartyFacts {
  return { code, kind: 'member-state', history };
}

// The Saudi accession article (Astana Times, Dec 2023) counts ten observers with Saudi Arabia, so the
// others held the status by then; when each obtained it is not in the sources.
const OBSERVER_LIST_DATE = '2023-12';

function observerState(code: string, from: string | null, uncertain?: string): PartyFacts {
  const period: StatusPeriod =
    from === null
      ? {
          status: 'observer',
          from: null,
          knownBy: OBSERVER_LIST_DATE,
          uncertain: uncertain ?? 'year of becoming an observer not in the sources',
        }
      : { status: 'observer', from, ...(uncertain === undefined ? {} : { uncertain }) };
  return { code, kind: 'observer-state', history: [period] };
}

// theicaf.org (2022-02-09) lists the five observer organisations; their start years are not given.
const OBSERVER_ORGS_LIST_DATE = '2022-02-09';
const ORG_OBSERVER_SINCE: StatusPeriod = {
  status: 'observer',
  from: null,
  knownBy: OBSERVER_ORGS_LIST_DATE,
  uncertain: 'year of becoming an observer not in the sources',
};

// The partner list is uncertain as a whole: eight partners attended the 2024 Ministerial, and the
// SC external-relations page (undated) names fewer. Undated partnerships are recorded without a date.
const PARTNER_UNDATED: StatusPeriod = {
  status: 'partner',
  from: null,
  uncertain: 'date of the agreement not in the sources; whether it is still in force is not confirmed',
};

export const cicaParties: readonly PartyFacts[] = [
  // Member states: the 16 founders
  founder('AF'),
  founder('AZ'),
  founder('CN'),
  founder('EG'),
  founder('IN'),
  founder('IR'),
  founder('IL'),
  founder('KZ'),
  founder('KG'),
  founder('MN'),
  founder('PK'),
  founder('PS'),
  founder('RU'),
  founder('TJ'),
  founder('TR'),
  founder('UZ'),
  // Member states that joined later
  memberState('TH', [
    { status: 'member', from: '2004', uncertain: '17th member at the 2nd Ministerial (2004) per SC; one source says 2006' },
  ]),
  memberState('KR', [{ status: 'member', from: '2006' }]),
  memberState('JO', [{ status: 'member', from: '2008' }]),
  memberState('AE', [{ status: 'member', from: '2008' }]),
  // The source gives only '2010'; the month is taken from the 3rd Summit (Istanbul, Jun 2010), the only
  // top-level meeting that year, so that a year-only date does not make them members on 1 Jan 2010.
  memberState('IQ', [
    { status: 'member', from: '2010-06', uncertain: 'source gives 2010; month inferred from the Istanbul Summit' },
  ]),
  memberState('VN', [
    { status: 'member', from: '2010-06', uncertain: 'source gives 2010; month inferred from the Istanbul Summit' },
  ]),
  memberState('BH', [{ status: 'member', from: '2011' }]),
  memberState('KH', [{ status: 'member', from: '2011' }]),
  memberState('QA', [
    { status: 'member', from: '2014-05', uncertain: 'admission at the Shanghai Summit (May 2014) is inferred' },
  ]),
  memberState('BD', [
    { status: 'member', from: '2014-05', uncertain: 'admission at the Shanghai Summit (May 2014) is inferred' },
  ]),
  memberState('LK', [
    // `to` equals the accession day: under the later-start-wins rule the member period takes that day.
    { status: 'observer', from: '2012', to: '2018-08-15' },
    { status: 'member', from: '2018-08-15' },
  ]),
  memberState('KW', [{ status: 'member', from: '2022-10' }]),

  // Observer states
  observerState('BY', null),
  observerState('ID', null),
  observerState('JP', null),
  observerState('LA', null),
  observerState('MY', null),
  observerState('PH', null),
  observerState('TM', '2021', 'month not in the sources'),
  observerState('UA', null),
  observerState('US', null),
  observerState('SA', '2023-12'),

  // Observer organisations
  {
    code: 'UN',
    kind: 'observer-organization',
    names: { en: 'United Nations', ru: 'Организация Объединённых Наций', zh: '联合国', ar: 'الأمم المتحدة' },
    abbreviations: { en: 'UN', ru: 'ООН' },
    history: [ORG_OBSERVER_SINCE],
    notes: ['CICA itself has observer status at the UN General Assembly since 2007.'],
  },
  {
    code: 'OSCE',
    kind: 'observer-organization',
    names: {
      en: 'Organization for Security and Co-operation in Europe',
      ru: 'Организация по безопасности и сотрудничеству в Европе',
      zh: '欧洲安全与合作组织',
    },
    abbreviations: { en: 'OSCE', ru: 'ОБСЕ' },
    history: [ORG_OBSERVER_SINCE],
  },
  {
    code: 'LAS',
    kind: 'observer-organization',
    names: { en: 'League of Arab States', ru: 'Лига арабских государств', zh: '阿拉伯国家联盟', ar: 'جامعة الدول العربية' },
    abbreviations: { en: 'LAS', ru: 'ЛАГ' },
    history: [ORG_OBSERVER_SINCE],
  },
  {
    code: 'TURKPA',
    kind: 'observer-organization',
    names: {
      en: 'Parliamentary Assembly of Turkic States',
      ru: 'Парламентская ассамблея тюркских государств',
      tr: 'Türk Devletleri Parlamenter Asamblesi',
    },
    abbreviations: { en: 'TURKPA', ru: 'ТюркПА', tr: 'TÜRKPA' },
    history: [ORG_OBSERVER_SINCE],
  },
  {
    code: 'IOM',
    // Also a partner by MoU; kept as an observer organisation because that is its standing in meetings,
    // and the MoU is recorded as an agreement rather than a second, overlapping status.
    kind: 'observer-organization',
    names: {
      en: 'International Organization for Migration',
      ru: 'Международная организация по миграции',
      zh: '国际移民组织',
    },
    abbreviations: { en: 'IOM', ru: 'МОМ' },
    history: [ORG_OBSERVER_SINCE],
    agreements: [{ kind: 'memorandum', signed: null, uncertain: 'date of the MoU not in the sources' }],
    notes: ['Partner organisation under a memorandum of understanding as well as an observer.'],
  },

  // Partner organisations
  {
    code: 'ECO',
    kind: 'partner-organization',
    names: { en: 'Economic Cooperation Organization', ru: 'Организация экономического сотрудничества', zh: '经济合作组织' },
    abbreviations: { en: 'ECO', ru: 'ОЭС' },
    history: [PARTNER_UNDATED],
    agreements: [{ kind: 'memorandum', signed: null, uncertain: 'date not in the sources' }],
  },
  {
    code: 'EURASEC',
    kind: 'partner-organization',
    names: { en: 'Eurasian Economic Community', ru: 'Евразийское экономическое сообщество', zh: '欧亚经济共同体' },
    abbreviations: { en: 'EurAsEC', ru: 'ЕврАзЭС' },
    history: [
      {
        status: 'partner',
        from: null,
        // EurAsEC was wound up at the end of 2014 when the Eurasian Economic Union took over; a partnership
        // cannot outlive its party. This end is general knowledge, not from the CICA sources.
        to: '2014',
        uncertain: 'MoU date not in the sources; end inferred from the dissolution of EurAsEC (end of 2014)',
      },
    ],
    agreements: [{ kind: 'memorandum', signed: null, uncertain: 'date not in the sources' }],
  },
  {
    code: 'APK',
    kind: 'partner-organization',
    names: { en: 'Assembly of People of Kazakhstan', ru: 'Ассамблея народа Казахстана', kk: 'Қазақстан халқы Ассамблеясы' },
    abbreviations: { en: 'APK', ru: 'АНК' },
    history: [PARTNER_UNDATED],
    agreements: [{ kind: 'memorandum', signed: null, uncertain: 'date not in the sources' }],
  },
  {
    code: 'SCO',
    kind: 'partner-organization',
    names: { en: 'Shanghai Cooperation Organisation', ru: 'Шанхайская организация сотрудничества', zh: '上海合作组织' },
    abbreviations: { en: 'SCO', ru: 'ШОС' },
    history: [{ status: 'partner', from: '2014' }],
    agreements: [{ kind: 'memorandum', signed: '2014' }],
  },
  {
    code: 'UNODC',
    kind: 'partner-organization',
    names: {
      en: 'United Nations Office on Drugs and Crime',
      ru: 'Управление Организации Объединённых Наций по наркотикам и преступности',
      zh: '联合国毒品和犯罪问题办公室',
    },
    abbreviations: { en: 'UNODC', ru: 'УНП ООН' },
    history: [PARTNER_UNDATED],
    agreements: [{ kind: 'memorandum', signed: null, uncertain: 'date not in the sources' }],
  },
  {
    code: 'SCO-RATS',
    kind: 'partner-organization',
    names: {
      en: 'Regional Anti-Terrorist Structure of the Shanghai Cooperation Organisation',
      ru: 'Региональная антитеррористическая структура Шанхайской организации сотрудничества',
      zh: '上海合作组织地区反恐怖机构',
    },
    abbreviations: { en: 'SCO RATS', ru: 'РАТС ШОС' },
    history: [PARTNER_UNDATED],
    agreements: [{ kind: 'protocol', signed: null, uncertain: 'date not in the sources' }],
  },
  {
    code: 'EEC',
    kind: 'partner-organization',
    names: { en: 'Eurasian Economic Commission', ru: 'Евразийская экономическая комиссия', zh: '欧亚经济委员会' },
    abbreviations: { en: 'EEC', ru: 'ЕЭК' },
    history: [{ status: 'partner', from: '2022', uncertain: 'called the 6th partner; month not in the sources' }],
  },

  // The Secretariat acts as a party (it sends notes, circulates texts) but holds no status.
  {
    code: 'SEC',
    kind: 'secretariat',
    names: { en: 'CICA Secretariat', ru: 'Секретариат СВМДА', zh: '亚信秘书处', vi: 'Ban Thư ký CICA', ar: 'الأمانة العامة لسيكا', fa: 'دبیرخانه سیکا', kk: 'АӨСШК Хатшылығы', tr: 'AİGK Sekretaryası' },
    history: [],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Bodies

// The Astana Statement on CICA Transformation renamed the two top bodies.
const RENAMED_ON = '2022-10-13';

export const cicaBodies: readonly BodyFacts[] = [
  {
    code: 'CHS',
    kind: 'decision-making',
    names: { en: 'Council of Heads of State or Government', ru: 'Совет глав государств и правительств', zh: '国家元首和政府首脑理事会', vi: 'Hội đồng Nguyên thủ Quốc gia và Người đứng đầu Chính phủ', ar: 'مجلس رؤساء الدول والحكومات', fa: 'شورای سران کشورها و دولت‌ها', kk: 'Мемлекет және үкімет басшылары кеңесі', tr: 'Devlet veya Hükümet Başkanları Konseyi' },
    historicNames: [{ names: { en: 'Summit', ru: 'Саммит', zh: '亚信峰会', vi: 'Hội nghị Thượng đỉnh', ar: 'القمة', fa: 'اجلاس سران', kk: 'Саммит', tr: 'Zirve' }, until: RENAMED_ON }],
    frequency: { en: 'Every four years; the highest level' },
    everyYears: 4,
    membership: 'all-members',
    established: '2002-06-04',
    uncertain: 'official Russian name after 2022 not in the sources',
  },
  {
    code: 'MC',
    kind: 'decision-making',
    names: { en: 'Ministerial Council', ru: 'Совет министров иностранных дел', zh: '外长理事会', vi: 'Hội đồng Bộ trưởng', ar: 'المجلس الوزاري', fa: 'شورای وزیران', kk: 'Сыртқы істер министрлері кеңесі', tr: 'Bakanlar Konseyi' },
    historicNames: [
      { names: { en: 'Ministerial Meeting', ru: 'Совещание министров иностранных дел', zh: '亚信外长会议', vi: 'Hội nghị Bộ trưởng Ngoại giao', ar: 'الاجتماع الوزاري', fa: 'نشست وزیران امور خارجه', kk: 'Сыртқы істер министрлерінің жиналысы', tr: 'Bakanlar Toplantısı' }, until: RENAMED_ON },
    ],
    frequency: {
      en: 'Every four years, two years after the Summit (a top-level meeting every two years), plus special or informal sessions',
    },
    everyYears: 4,
    membership: 'all-members',
    established: FOUNDING_DATE,
    uncertain: 'official Russian name after 2022 not in the sources',
  },
  {
    code: 'SOC',
    // Decision-making in its own right: it adopts the annual CBM plan and the budget, and approves texts by
    // silence procedure; other decisions it recommends to the MC or the Summit.
    kind: 'decision-making',
    names: { en: 'Senior Officials Committee', ru: 'Комитет старших должностных лиц', zh: '高官委员会', vi: 'Ủy ban Quan chức Cấp cao', ar: 'لجنة كبار المسؤولين', fa: 'کمیته مقامات ارشد', kk: 'Аға лауазымды тұлғалар комитеті', tr: 'Kıdemli Memurlar Komitesi' },
    historicNames: [],
    reportsTo: 'MC',
    frequency: { en: 'At least once a year; in practice two to four times' },
    meetingsPerYear: 1,
    membership: 'all-members',
  },
  {
    code: 'SWG',
    kind: 'subsidiary',
    names: { en: 'Special Working Group', ru: 'Специальная рабочая группа', zh: '特别工作组', vi: 'Nhóm Công tác Đặc biệt', ar: 'الفريق العامل الخاص', fa: 'گروه کاری ویژه', kk: 'Арнайы жұмыс тобы', tr: 'Özel Çalışma Grubu' },
    historicNames: [],
    reportsTo: 'SOC',
    frequency: { en: 'Before each SOC meeting, often online' },
    membership: 'all-members',
  },
  {
    code: 'EM',
    kind: 'experts',
    names: { en: 'Experts Meeting', ru: 'Совещание экспертов', zh: '专家会议', vi: 'Cuộc họp chuyên gia', ar: 'اجتماع الخبراء', fa: 'نشست کارشناسان', kk: 'Сарапшылар кеңесі', tr: 'Uzmanlar Toplantısı' },
    historicNames: [],
    reportsTo: 'SWG',
    frequency: { en: "Convened by a CBM's coordinator or co-coordinator as needed" },
    membership: 'coordinator-and-participants',
  },
  {
    code: 'SEC',
    kind: 'secretariat',
    names: { en: 'Secretariat', ru: 'Секретариат', zh: '秘书处', vi: 'Ban Thư ký', ar: 'الأمانة العامة', fa: 'دبیرخانه', kk: 'Хатшылық', tr: 'Sekretarya' },
    historicNames: [],
    reportsTo: 'SOC',
    frequency: { en: 'Permanent, in Astana' },
    membership: 'appointed',
    established: '2006',
    uncertain:
      'first planned in Almaty, date of the move to Astana not established; reports to the SOC inferred from ' +
      'the SOC approving its budget (the Secretary General reports annually, body not named)',
  },
  {
    code: 'TTF',
    kind: 'advisory',
    names: { en: 'Think Tank Forum', ru: 'Форум аналитических центров', zh: '智库论坛', vi: 'Diễn đàn các Viện nghiên cứu', ar: 'منتدى مراكز الفكر', fa: 'مجمع اندیشکده‌ها', kk: 'Сараптама орталықтарының форумы', tr: 'Düşünce Kuruluşları Forumu' },
    historicNames: [],
    reportsTo: 'SOC',
    frequency: { en: 'Works to an annual Action Plan approved by the SOC' },
    // One think tank per member state.
    membership: 'all-members',
    established: '2014',
    uncertain: 'Russian name is a translation; meeting frequency not in the sources',
  },
  {
    code: 'CEP',
    kind: 'advisory',
    names: { en: 'Council of Eminent Persons', ru: 'Совет видных деятелей', zh: '名人理事会', vi: 'Hội đồng các Nhân vật Kiệt xuất', ar: 'مجلس الشخصيات البارزة', fa: 'شورای شخصیت‌های برجسته', kk: 'Көрнекті тұлғалар кеңесі', tr: 'Seçkin Kişiler Konseyi' },
    historicNames: [],
    frequency: { en: 'Five-year terms; meeting frequency not in the sources' },
    membership: 'appointed',
    established: '2021-10-12',
    uncertain: 'Russian name is a translation; the body it advises is not stated (its Head is approved by the Summit or by silence)',
  },
  {
    code: 'BC',
    kind: 'advisory',
    names: { en: 'Business Council', ru: 'Деловой совет', zh: '工商理事会', vi: 'Hội đồng Doanh nghiệp', ar: 'مجلس الأعمال', fa: 'شورای بازرگانی', kk: 'Іскерлік кеңес', tr: 'İş Konseyi' },
    historicNames: [],
    frequency: { en: 'Not in the sources' },
    membership: 'appointed',
    uncertain: 'composition, reporting line and founding date not in the sources; Russian name is a translation',
  },
  {
    code: 'YC',
    kind: 'advisory',
    names: { en: 'Youth Council', ru: 'Молодёжный совет', zh: '青年理事会', vi: 'Hội đồng Thanh niên', ar: 'مجلس الشباب', fa: 'شورای جوانان', kk: 'Жастар кеңесі', tr: 'Gençlik Konseyi' },
    historicNames: [],
    frequency: { en: 'Not in the sources' },
    membership: 'appointed',
    established: '2015',
    uncertain: 'composition and reporting line not in the sources; Russian name is a translation',
  },
  {
    code: 'NGF',
    kind: 'advisory',
    names: { en: 'NGO Forum', ru: 'Форум неправительственных организаций', zh: '亚信非政府论坛', vi: 'Diễn đàn các Tổ chức Phi chính phủ', ar: 'منتدى المنظمات غير الحكومية', fa: 'مجمع سازمان‌های غیردولتی', kk: 'Үкіметтік емес ұйымдар форумы', tr: 'Sivil Toplum Kuruluşları Forumu' },
    historicNames: [],
    frequency: { en: 'Not in the sources' },
    membership: 'appointed',
    established: '2015',
    dissolved: '2019',
    uncertain: 'composition not in the sources; active 2015–19',
  },
  {
    code: 'PRC',
    kind: 'subsidiary',
    names: { en: 'Project Review Committee of the CICA Fund', ru: 'Комитет по рассмотрению проектов Фонда СВМДА', zh: '亚信基金项目审查委员会', vi: 'Ủy ban Xét duyệt Dự án của Quỹ CICA', ar: 'لجنة مراجعة مشاريع صندوق سيكا', fa: 'کمیته بررسی طرح‌های صندوق سیکا', kk: 'АӨСШК қорының жобаларды қарау комитеті', tr: 'AİGK Fonu Proje İnceleme Komitesi' },
    historicNames: [],
    frequency: { en: 'Not in the sources; approves Fund projects by consensus' },
    membership: 'all-members',
    established: '2022',
    uncertain: 'composition and reporting line not in the sources; Russian name is a translation',
  },
  {
    code: 'UNIV',
    kind: 'advisory',
    names: { en: 'CICA Universities Network', ru: 'Сеть университетов СВМДА', zh: '亚信大学网络', vi: 'Mạng lưới các trường đại học CICA', ar: 'شبكة جامعات سيكا', fa: 'شبکه دانشگاه‌های سیکا', kk: 'АӨСШК университеттер желісі', tr: 'AİGK Üniversiteler Ağı' },
    historicNames: [],
    frequency: { en: 'Not in the sources' },
    membership: 'appointed',
    established: '2024-12-17',
    uncertain: 'composition and reporting line not in the sources; Russian name is a translation',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Chairmanship (rules 14.x: bid in writing, SOC recommends by silence, consensus if several bid;
// since the 2009 amendment the Summit host chairs until the next Ministerial and vice versa, two years each)

export const cicaChairmanships: readonly ChairTerm[] = [
  {
    party: 'KZ',
    start: FOUNDING_DATE,
    end: '2010',
    howDecided: 'Initiator and host of the process; chaired from its founding',
    uncertain: 'start taken as the 1st Ministerial (the process dates from 1992); handover month not in the sources',
  },
  {
    party: 'TR',
    start: '2010-06',
    end: '2014',
    howDecided: 'Host of the 3rd Summit (Istanbul, Jun 2010); term extended in 2012',
    uncertain: 'start month inferred from the Istanbul Summit',
  },
  {
    party: 'CN',
    start: '2014-05',
    end: '2018',
    howDecided: 'Host of the 4th Summit (Shanghai, May 2014)',
    uncertain: 'start month inferred from the Shanghai Summit',
  },
  {
    party: 'TJ',
    start: '2018-09',
    end: '2020-09',
    howDecided: 'How chosen not in the sources; two-year term under the 2009 rule; hosted the 5th Summit (Dushanbe, 2019-06-15)',
  },
  {
    party: 'KZ',
    start: '2020-09-24',
    end: '2024',
    howDecided: 'Two consecutive terms (2020–22 and 2022–24); hosted the 6th Summit (Astana, Oct 2022)',
    uncertain: 'day the second term began not in the sources',
  },
  {
    party: 'AZ',
    start: '2024-12-17',
    end: '2026',
    decidedOn: '2024-03-19',
    howDecided: 'Elected on 2024-03-19, in office from the 7th Ministerial Council; hosts the 2026 Summit',
    uncertain: 'end: sources say 2026, but as Summit host it may chair until the next regular Ministerial',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Secretariat heads

const EXECUTIVE_DIRECTOR = { en: 'Executive Director', ru: 'Исполнительный директор' };
const SECRETARY_GENERAL = { en: 'Secretary General', ru: 'Генеральный секретарь' };
const DEPUTY_SECRETARY_GENERAL = { en: 'Deputy Secretary General', ru: 'Заместитель Генерального секретаря' };

export const cicaSecretariatHeads: readonly SecretariatHead[] = [
  {
    name: null,
    nationality: null,
    role: 'head',
    title: EXECUTIVE_DIRECTOR,
    start: '2006',
    end: '2010',
    uncertain: 'head of the Secretariat in 2006–10 not established',
  },
  {
    name: 'Çınar Aldemir',
    nationality: 'TR',
    role: 'head',
    title: EXECUTIVE_DIRECTOR,
    start: '2010',
    end: null,
    uncertain: 'end of term not in the sources',
  },
  {
    name: 'Gong Jianwei',
    nationality: 'CN',
    role: 'head',
    title: EXECUTIVE_DIRECTOR,
    start: null,
    end: '2018',
    uncertain: 'start of term not in the sources',
  },
  { name: 'Habibullo Mirzozoda', nationality: 'TJ', role: 'head', title: EXECUTIVE_DIRECTOR, start: '2018', end: '2020' },
  // The Astana Statement turned the office into that of Secretary General; same person, new title.
  { name: 'Kairat Sarybay', nationality: 'KZ', role: 'head', title: EXECUTIVE_DIRECTOR, start: '2020-09', end: '2022-10-12' },
  {
    name: 'Kairat Sarybay',
    nationality: 'KZ',
    role: 'head',
    title: SECRETARY_GENERAL,
    start: RENAMED_ON,
    uncertain: 'end of term not in the sources',
  },
  {
    name: 'Chi Fang',
    nationality: 'CN',
    role: 'deputy',
    title: DEPUTY_SECRETARY_GENERAL,
    start: null,
    uncertain: 'dates not in the sources',
  },
];

// ---------------------------------------------------------------------------------------------------------
// CBM catalogue: five dimensions. The 2004 text was not found, so an area's presence in the 2004 edition
// is assumed unless the 2021 update is known to have added it.

const BOTH: readonly CatalogueVersion[] = ['2004', '2021'];
const ADDED_2021: readonly CatalogueVersion[] = ['2021'];
const CATALOGUE_2004_UNSEEN = 'presence in the 2004 Catalogue assumed: its text was not found';

export const cicaCbmDimensions: readonly CbmDimension[] = [
  {
    code: 'MP',
    names: { en: 'Military-political dimension', ru: 'Военно-политическое измерение' },
    areas: [
      {
        ref: 'MP.1',
        names: {
          en: 'Exchange of information on armed forces, defence budgets, foreign troops and notice of exercises',
          ru: 'Обмен информацией о вооружённых силах, военных бюджетах, иностранных войсках и учениях',
        },
        catalogues: BOTH,
      },
      {
        ref: 'MP.2',
        names: { en: 'Observers at military exercises', ru: 'Наблюдатели на военных учениях' },
        catalogues: BOTH,
      },
      {
        ref: 'MP.3',
        names: { en: 'Consultations on hazardous military incidents', ru: 'Консультации по опасным военным инцидентам' },
        catalogues: BOTH,
      },
      { ref: 'MP.4', names: { en: 'Military visits', ru: 'Военные визиты' }, catalogues: BOTH },
      {
        ref: 'MP.5',
        names: { en: 'Exchange of CVs of senior military officers', ru: 'Обмен биографиями высших военных руководителей' },
        catalogues: BOTH,
      },
      {
        ref: 'MP.6',
        names: { en: 'Status of arms-control treaties', ru: 'Статус договоров в области контроля над вооружениями' },
        catalogues: BOTH,
      },
    ],
    coordination: [
      { party: 'KZ', role: 'coordinator' },
      { party: 'TR', role: 'co-coordinator' },
    ],
    notes: [
      'The 2021 Catalogue numbers the military-political measures 2.1.1–2.1.5; how the six items above map onto them is not established.',
      'Information exchange is limited to what the states concerned agree to share.',
      'Only four measures had been agreed for use as of Jan 2013 (which four is not stated).',
    ],
    uncertain: CATALOGUE_2004_UNSEEN,
  },
  {
    code: 'NCT',
    names: { en: 'New challenges and threats', ru: 'Новые вызовы и угрозы' },
    areas: [
      { ref: 'NCT.1', names: { en: 'Combating terrorism', ru: 'Борьба с терроризмом' }, catalogues: BOTH },
      {
        ref: 'NCT.2',
        names: {
          en: 'New challenges and threats, general (organised crime, trafficking, small arms and light weapons, WMD)',
          ru: 'Новые вызовы и угрозы, общие вопросы (организованная преступность, незаконный оборот, СЛО, ОМУ)',
        },
        catalogues: BOTH,
      },
      {
        ref: 'NCT.3',
        names: { en: 'Illicit drugs', ru: 'Незаконный оборот наркотиков' },
        catalogues: BOTH,
        uncertain: 'coordinator not in the sources',
      },
      {
        ref: 'NCT.4',
        names: {
          en: 'Epidemiological safety and public health',
          ru: 'Эпидемиологическая безопасность и общественное здравоохранение',
        },
        catalogues: ADDED_2021,
        uncertain: 'coordinator not in the sources (co-coordinators known)',
      },
      {
        ref: 'NCT.5',
        names: { en: 'Security in the use of ICTs', ru: 'Безопасность в сфере использования ИКТ' },
        catalogues: ADDED_2021,
      },
    ],
    coordination: [
      { party: 'IN', role: 'coordinator', area: 'NCT.1' },
      { party: 'TR', role: 'coordinator', area: 'NCT.2' },
      { party: 'AF', role: 'co-coordinator', area: 'NCT.2' },
      { party: 'CN', role: 'co-coordinator', area: 'NCT.4' },
      { party: 'JO', role: 'co-coordinator', area: 'NCT.4' },
      // Reported as joint co-coordination with no lead named.
      { party: 'RU', role: 'co-coordinator', area: 'NCT.5', from: '2022', uncertain: 'reported for 2022–23; later years not known' },
      { party: 'CN', role: 'co-coordinator', area: 'NCT.5', from: '2022', uncertain: 'reported for 2022–23; later years not known' },
    ],
    notes: ['The 2008 NCT Action Plan proposed networks of focal points; the NCT Action Plan is reviewed yearly.'],
    uncertain: CATALOGUE_2004_UNSEEN,
  },
  {
    code: 'ECO',
    names: { en: 'Economic dimension', ru: 'Экономическое измерение' },
    areas: [
      {
        ref: 'ECO.1',
        names: { en: 'Small and medium-sized enterprises', ru: 'Малое и среднее предпринимательство' },
        catalogues: BOTH,
      },
      { ref: 'ECO.2', names: { en: 'Agriculture', ru: 'Сельское хозяйство' }, catalogues: BOTH },
      { ref: 'ECO.3', names: { en: 'Information technology', ru: 'Информационные технологии' }, catalogues: BOTH },
      { ref: 'ECO.4', names: { en: 'Tourism', ru: 'Туризм' }, catalogues: BOTH },
      { ref: 'ECO.5', names: { en: 'Transport corridors', ru: 'Транспортные коридоры' }, catalogues: BOTH },
      { ref: 'ECO.6', names: { en: 'Energy security', ru: 'Энергетическая безопасность' }, catalogues: BOTH },
      { ref: 'ECO.7', names: { en: 'Finance', ru: 'Финансы' }, catalogues: BOTH },
      { ref: 'ECO.8', names: { en: 'Trade and investment', ru: 'Торговля и инвестиции' }, catalogues: BOTH },
    ],
    coordination: [
      {
        party: 'RU',
        role: 'coordinator',
        area: 'ECO.1',
        from: '2016',
        to: '2018',
        uncertain: 'role inferred from Russia drafting the SME Action Plan 2016–18',
      },
      { party: 'AZ', role: 'coordinator', area: 'ECO.5' },
      { party: 'CN', role: 'co-coordinator', area: 'ECO.5' },
      { party: 'IN', role: 'co-coordinator', area: 'ECO.5' },
      { party: 'KG', role: 'coordinator', area: 'ECO.8', uncertain: 'coordinator or co-coordinator: sources differ' },
    ],
    notes: ['Specific measures for the economic areas were not found.'],
    uncertain: `${CATALOGUE_2004_UNSEEN}; coordinators of ECO.2–ECO.4, ECO.6 and ECO.7 not in the sources`,
  },
  {
    code: 'ENV',
    names: { en: 'Environmental dimension', ru: 'Экологическое измерение' },
    areas: [
      {
        ref: 'ENV.1',
        names: {
          en: 'Sharing of environmental policy and sustainable-development practice',
          ru: 'Обмен опытом экологической политики и устойчивого развития',
        },
        catalogues: BOTH,
      },
      {
        ref: 'ENV.2',
        names: {
          en: 'Disaster management, early warning and joint search and rescue',
          ru: 'Управление при бедствиях, раннее предупреждение и совместные поисково-спасательные операции',
        },
        catalogues: BOTH,
        uncertain: 'coordinator not in the sources (Bangladesh is co-coordinator)',
      },
      { ref: 'ENV.3', names: { en: 'Joint programmes', ru: 'Совместные программы' }, catalogues: BOTH },
      {
        ref: 'ENV.4',
        names: { en: 'Warning neighbouring states of disasters', ru: 'Оповещение соседних государств о бедствиях' },
        catalogues: BOTH,
      },
    ],
    coordination: [{ party: 'BD', role: 'co-coordinator', area: 'ENV.2' }],
    notes: ['Mongolia and Iran drafted concept papers in 2023; the areas and their roles are not stated.'],
    uncertain: CATALOGUE_2004_UNSEEN,
  },
  {
    code: 'HUM',
    names: { en: 'Human dimension', ru: 'Гуманитарное измерение' },
    areas: [
      { ref: 'HUM.1', names: { en: 'Dialogue of civilizations', ru: 'Диалог цивилизаций' }, catalogues: BOTH },
      { ref: 'HUM.2', names: { en: 'Media', ru: 'Средства массовой информации' }, catalogues: BOTH },
      {
        ref: 'HUM.3',
        names: { en: 'Cultural, educational and scientific exchange', ru: 'Культурные, образовательные и научные обмены' },
        catalogues: BOTH,
      },
      { ref: 'HUM.4', names: { en: 'Joint archaeological research', ru: 'Совместные археологические исследования' }, catalogues: BOTH },
      { ref: 'HUM.5', names: { en: 'Fundamental rights', ru: 'Основные права' }, catalogues: BOTH },
    ],
    coordination: [
      { party: 'KZ', role: 'coordinator', from: '2007', uncertain: 'first coordinator; when Uzbekistan took over is not in the sources' },
      { party: 'UZ', role: 'coordinator' },
      { party: 'CN', role: 'co-coordinator' },
      { party: 'IN', role: 'co-coordinator' },
      { party: 'KZ', role: 'co-coordinator' },
      { party: 'KG', role: 'co-coordinator' },
    ],
    uncertain: CATALOGUE_2004_UNSEEN,
  },
];

// ---------------------------------------------------------------------------------------------------------
// Key documents and meetings

export const cicaDocumentTimeline: readonly TimelineEntry[] = [
  { date: '1992-10-05', event: { en: 'CICA proposed at the 47th UN General Assembly; work starts Mar 1993' } },
  {
    date: FOUNDING_DATE,
    event: { en: '1st Ministerial Meeting' },
    place: 'Almaty',
    body: 'MC',
    documents: ['Declaration on Principles Guiding Relations between CICA Member States'],
  },
  {
    date: '2002-06-04',
    event: { en: '1st Summit' },
    place: 'Almaty',
    body: 'CHS',
    documents: ['Almaty Act', 'Declaration on Eliminating Terrorism and Promoting Dialogue among Civilizations'],
    uncertain: 'exact title of the terrorism declaration not in the sources',
  },
  {
    date: '2004-10-22',
    event: { en: '2nd Ministerial Meeting' },
    body: 'MC',
    documents: ['Catalogue of CICA Confidence-Building Measures', 'Rules of Procedure'],
  },
  { date: '2006-06-17', event: { en: '2nd Summit: permanent Secretariat' }, place: 'Almaty', body: 'CHS' },
  { date: '2007', event: { en: 'Host Country Agreement with Kazakhstan' }, documents: ['Host Country Agreement'] },
  {
    date: '2007-03',
    event: { en: 'SOC approves the Cooperative Approach for the Implementation of CBMs' },
    body: 'SOC',
    documents: ['Cooperative Approach for the Implementation of CICA CBMs'],
  },
  { date: '2008', event: { en: '3rd Ministerial Meeting' }, body: 'MC' },
  { date: '2009', event: { en: 'Rules of Procedure amended: chair terms cut from four years to two' } },
  { date: '2010-06', event: { en: '3rd Summit' }, place: 'Istanbul', body: 'CHS' },
  { date: '2012-09', event: { en: '4th Ministerial Meeting' }, place: 'Astana', body: 'MC' },
  { date: '2014-05', event: { en: '4th Summit' }, place: 'Shanghai', body: 'CHS' },
  { date: '2016', event: { en: '5th Ministerial Meeting' }, place: 'Beijing', body: 'MC', uncertain: 'place likely, not confirmed' },
  { date: '2019-06-15', event: { en: '5th Summit' }, place: 'Dushanbe', body: 'CHS', documents: ['Dushanbe Declaration'] },
  {
    date: '2021-10-12',
    event: { en: '6th Ministerial Council: updated Catalogue; Council of Eminent Persons' },
    body: 'MC',
    documents: ['Catalogue of CICA Confidence-Building Measures (updated)', 'Regulations of the Council of Eminent Persons'],
  },
  {
    date: '2022-10-12',
    until: '2022-10-13',
    event: { en: '6th Summit: CICA transformation (bodies renamed, Executive Director becomes Secretary General); Kuwait admitted; CICA Fund' },
    place: 'Astana',
    body: 'CHS',
    documents: [
      'Astana Statement on CICA Transformation',
      'Statement on cooperation in the field of security of and in the use of ICTs',
      'Action Plan on counter-terrorism',
    ],
    uncertain: 'exact titles of the ICT statement and counter-terrorism plan not in the sources',
  },
  {
    date: '2023-09-21',
    event: { en: 'Informal Ministerial Council adopts the Road Map for CICA Transformation (8 clusters)' },
    place: 'New York',
    body: 'MC',
    documents: ['Road Map for CICA Transformation'],
  },
  {
    date: '2024-12',
    event: { en: 'Volunteerism as a CBM area; framework on CBM effectiveness' },
    uncertain: 'whether and when these were adopted is not confirmed',
  },
  {
    date: '2024-12-17',
    event: { en: '7th Ministerial Council (online, chaired by Azerbaijan): 25th-anniversary statement; universities network' },
    body: 'MC',
  },
  { date: '2026', event: { en: '7th Summit (planned)' }, place: 'Azerbaijan', body: 'CHS' },
];
