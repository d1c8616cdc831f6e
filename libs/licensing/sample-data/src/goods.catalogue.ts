/**
 * Goods the demo applications ask for: EU Common Military List entries with plausible
 * descriptions and prices, and Annex I dual-use entries of Regulation (EU) 2021/821.
 * Prices are per unit in euros; the big systems make some licences exceed EUR 2 million.
 */
export interface DemoGoods {
  readonly controlListEntry: string;
  readonly description: string;
  readonly unitPrice: readonly [number, number];
  readonly quantity: readonly [number, number];
  /** Whole systems and large batches that put a licence above the EUR 2 million reporting line. */
  readonly large?: boolean;
}

const g = (
  controlListEntry: string,
  description: string,
  unitPrice: [number, number],
  quantity: [number, number],
  large = false,
): DemoGoods => ({ controlListEntry, description, unitPrice, quantity, ...(large && { large }) });

export const MILITARY_GOODS: readonly DemoGoods[] = [
  g('ML1.a', 'Semi-automatic pistols 9 mm for police service', [550, 1_100], [40, 600]),
  g('ML1.b', 'Rifles 5.56 mm with optical sights', [1_400, 2_800], [20, 400]),
  g('ML2.a', 'Naval gun mount 76 mm with spare barrels', [3_500_000, 7_500_000], [1, 2], true),
  g('ML2.b', 'Mortar systems 120 mm, towed', [180_000, 320_000], [4, 24], true),
  g('ML3.a', 'Practice ammunition 155 mm', [900, 2_400], [200, 4_000]),
  g('ML3.b', 'Ammunition 30 mm for naval guns', [120, 260], [1_000, 20_000]),
  g('ML4.a', 'Guidance sections for surface-to-air missiles', [250_000, 600_000], [4, 20], true),
  g('ML5.a', 'Fire control radar', [450_000, 1_400_000], [1, 4], true),
  g('ML5.b', 'Target acquisition sensor suite for armoured vehicles', [90_000, 240_000], [2, 30]),
  g('ML6.a', 'Spare parts for wheeled armoured personnel carriers', [2_000, 25_000], [10, 200]),
  g('ML6.b', 'Armoured recovery vehicle, unarmed', [1_200_000, 2_600_000], [1, 6], true),
  g('ML8.a', 'Propellant charges for 120 mm mortars', [140, 380], [500, 6_000]),
  g('ML9.a', 'Patrol vessel hull and superstructure modules', [4_000_000, 18_000_000], [1, 2], true),
  g('ML9.b', 'Propulsion and shock-mount components for frigates', [40_000, 260_000], [2, 40]),
  g('ML10.a', 'Landing gear components for fighter aircraft', [15_000, 85_000], [4, 60]),
  g('ML10.c', 'Tactical unmanned aerial vehicles with ground station', [350_000, 900_000], [2, 8], true),
  g('ML11.a', 'Tactical radio sets with encryption modules', [6_000, 18_000], [20, 400]),
  g('ML11.b', 'Electronic warfare receivers', [300_000, 850_000], [1, 6], true),
  g('ML13.a', 'Ballistic protection vests, NIJ level IV', [450, 1_200], [100, 3_000]),
  g('ML14.a', 'Helicopter crew training simulator', [1_500_000, 4_500_000], [1, 1], true),
  g('ML15.a', 'Thermal imaging cameras for armoured vehicles', [18_000, 60_000], [4, 80]),
  g('ML17.a', 'Closed-circuit diving apparatus for special forces', [9_000, 22_000], [6, 60]),
  g('ML18.a', 'Production equipment for small-calibre ammunition', [400_000, 1_800_000], [1, 3], true),
  g('ML21.a', 'Combat management system software licences', [60_000, 400_000], [1, 12]),
  g('ML22.a', 'Technology for the production of naval radar antennas', [150_000, 900_000], [1, 1]),
];

export const DUAL_USE_GOODS: readonly DemoGoods[] = [
  g('5A002.a', 'Network encryption appliances', [8_000, 45_000], [5, 200]),
  g('5D002.c', 'Encryption software for secure messaging', [20_000, 150_000], [1, 10]),
  g('6A003.b', 'Uncooled thermal imaging cores', [1_200, 4_500], [50, 2_000]),
  g('6A006.a', 'High-sensitivity magnetometers', [25_000, 90_000], [2, 20]),
  g('3A001.b', 'Microwave power amplifiers', [3_000, 14_000], [20, 500]),
  g('3A001.a', 'Radiation-hardened integrated circuits', [400, 2_600], [100, 5_000]),
  g('2B001.b', 'Five-axis machine tools', [280_000, 900_000], [1, 6], true),
  g('2B350.b', 'Corrosion-resistant chemical reactors', [150_000, 600_000], [1, 4]),
  g('1C010.b', 'Carbon fibre prepreg', [60, 180], [500, 20_000]),
  g('7A003.a', 'Inertial navigation systems', [45_000, 160_000], [2, 40]),
  g('1A004.a', 'CBRN protective suits', [350, 1_100], [100, 4_000]),
];

/**
 * Dual-use goods that need a licence even within the Union: Annex IV items (Regulation (EU)
 * 2021/821 art. 11). The only dual-use goods the demo sends to an EU member state.
 */
export const ANNEX_IV_GOODS: readonly DemoGoods[] = [
  g(
    '0B001.b',
    'Gas centrifuge rotor assemblies for an enrichment research facility',
    [120_000, 380_000],
    [2, 12],
  ),
  g(
    '9A004',
    'Space launch vehicle upper stage for a satellite launch',
    [6_000_000, 14_000_000],
    [1, 1],
    true,
  ),
  g('1C001.a', 'Radar-absorbing coating materials', [400, 1_600], [50, 600]),
  g('7A117', 'Guidance sets for launch vehicles', [350_000, 900_000], [1, 4]),
];

/** Entries of the Wet wapens en munitie (firearms and ammunition): a licence holding one is partly governed by it. */
export function underFirearmsAct(controlListEntry: string): boolean {
  return /^ML[123](\.|$)/.test(controlListEntry);
}
