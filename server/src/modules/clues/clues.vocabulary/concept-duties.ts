/**
 * The function (UNIT_DUTIES) that usually handles a problem concept (concepts.ts), under the common county division
 * of duties (routing-corpus.ts): a street light → 城管, a water cut → 水利, unpaid wages → 人社, dead livestock →
 * 农业农村. The router (clues.routing-model.ts) counts each as CONCEPT_WEIGHT corpus sentences naming only that
 * concept, so a report that names the problem in words the corpus lacks is still read, and a county's forwards can
 * still teach it otherwise. Concepts whose unit depends on where the problem is (a price: the sector's regulator; a
 * care home's heating: 民政) or that no listed function owns are left out.
 */
import type { UnitDuty } from '@xs/core/schemas/orgs.ts';
import { WORDING_DUTIES } from './wording/index.ts';

export const CONCEPT_DUTIES: Readonly<Record<string, UnitDuty>> = {
  streetlight: 'urban', sharedbikes: 'urban', garbage: 'urban', debris: 'urban', manhole: 'urban', vendors: 'urban', toilet: 'urban', illegalbuilding: 'urban', ads: 'urban',
  road: 'transport', bus: 'transport', illegaltaxi: 'transport', taxi: 'transport', busservice: 'transport', busstop: 'transport', landslide: 'transport', bridge: 'transport', ferry: 'transport', escalator: 'market', cropsales: 'agriculture', parkingfee: 'market', uniform: 'education',
  parking: 'traffic_police', schooltraffic: 'traffic_police', signalfault: 'traffic_police', signaltiming: 'traffic_police', speeding: 'traffic_police',
  congestion: 'traffic_police',
  watersupply: 'water', waterquality: 'water', sandmining: 'water', dike: 'water', resettlement: 'water',
  heating: 'housing', gas: 'housing', elevator: 'housing', property: 'housing', leak: 'housing', dangerhouse: 'housing', propertyrights: 'housing',
  renovation: 'housing', accesscontrol: 'housing', facade: 'housing',
  burning: 'ecology', pollution: 'ecology', dust: 'ecology', livestockwaste: 'ecology',
  // Noise by its source: entertainment venues and night building sites → 生态环境, square dancing → 城管.
  venuenoise: 'ecology', sitenoise: 'ecology', dancenoise: 'urban', strawburning: 'ecology', boilersmoke: 'ecology', wasteburning: 'ecology',
  // Benefits by kind: 低保, disability and old-age allowances → 民政; pensions → 人社; farm and machinery subsidies → 农业农村; student aid → 教育.
  toiletreform: 'agriculture',
  ticketfee: 'culture', propertyfee: 'housing', pricelabel: 'market',
  dibao: 'civil', disabilityaid: 'civil', eldersubsidy: 'civil', pension: 'hr', grainsubsidy: 'agriculture', machinesubsidy: 'agriculture', studentaid: 'education',
  schoolmeal: 'education', schoolzoning: 'education', teachers: 'education', schoolbus: 'education', afterschool: 'education',
  clinicmedicine: 'health', clinicstaff: 'health', vaccine: 'health', registration: 'health', ambulance: 'health', familydoctor: 'health',
  eldercare: 'civil',
  wages: 'hr',
  deadanimals: 'agriculture', fakeagri: 'agriculture', croppests: 'agriculture', illegalfishing: 'agriculture', slaughter: 'agriculture',
  wildanimals: 'agriculture',
  shortweight: 'market', prepaid: 'market', foodsafety: 'market', aftersales: 'market', scrap: 'urban',
  // Restaurant fumes: the environment bureau's in 8 of the 11 labelled reports (in some counties 城管's; the county's forwards teach it).
  fumes: 'ecology',
  walkway: 'culture', minors: 'culture', tvsignal: 'culture', heritage: 'culture', forcedshopping: 'culture', boarding: 'education', grading: 'agriculture',
  trafficviolation: 'traffic_police', salesarrears: 'agriculture', ...WORDING_DUTIES,
};
