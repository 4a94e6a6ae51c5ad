// convert_angle/energy/force/length/mass/speed/volume/temperature: factors to each family's base unit (unit names
// as Kusto's docs list them; standard definitions). Unknown units give null.
import type { Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

const FT = 0.3048, IN = 0.0254, MI = 1609.344, YD = 0.9144, NMI = 1852, LB = 0.45359237, GAL = 3.785411784e-3, IGAL = 4.54609e-3;
const CAL = 4.184, BTU = 1055.05585262, G = 9.80665;

const METRIC = (base: string, f: number): Record<string, number> => ({
  [`Nano${base}`]: f * 1e-9, [`Micro${base}`]: f * 1e-6, [`Milli${base}`]: f * 1e-3, [`Centi${base}`]: f * 1e-2, [`Deci${base}`]: f * 1e-1,
  [base[0]!.toUpperCase() + base.slice(1)]: f, [`Deca${base}`]: f * 10, [`Hecto${base}`]: f * 100, [`Kilo${base}`]: f * 1e3, [`Mega${base}`]: f * 1e6, [`Giga${base}`]: f * 1e9,
});

const FAMILIES: Record<string, Record<string, number>> = {
  angle: {
    Radian: 1, Degree: Math.PI / 180, Arcminute: Math.PI / 10800, Arcsecond: Math.PI / 648000, Gradian: Math.PI / 200,
    Revolution: 2 * Math.PI, NatoMil: (2 * Math.PI) / 6400, Milliradian: 1e-3, Microradian: 1e-6, Nanoradian: 1e-9,
    Centiradian: 1e-2, Deciradian: 1e-1, Microdegree: Math.PI / 180e6, Millidegree: Math.PI / 180e3, Nanodegree: Math.PI / 180e9,
  },
  energy: {
    ...METRIC('joule', 1), WattHour: 3600, KilowattHour: 3.6e6, MegawattHour: 3.6e9, GigawattHour: 3.6e12, Calorie: CAL, Kilocalorie: CAL * 1e3,
    BritishThermalUnit: BTU, KilobritishThermalUnit: BTU * 1e3, MegabritishThermalUnit: BTU * 1e6, ElectronVolt: 1.602176634e-19,
    Erg: 1e-7, FootPound: 1.3558179483314004, ThermEc: 1.05505585262e8, ThermUs: 1.054804e8, ThermImperial: 1.05505585257348e8,
  },
  force: {
    ...METRIC('newton', 1), Dyne: 1e-5, KilogramForce: G, TonneForce: G * 1e3, PoundForce: LB * G, KilopoundForce: LB * G * 1e3,
    OunceForce: (LB * G) / 16, Poundal: LB * FT, ShortTonForce: 2000 * LB * G,
  },
  length: {
    ...METRIC('meter', 1), Foot: FT, Inch: IN, Mile: MI, Yard: YD, NauticalMile: NMI, Mil: IN / 1000, Microinch: IN * 1e-6,
    UsSurveyFoot: 1200 / 3937, Fathom: 6 * FT, Hand: 4 * IN, Twip: IN / 1440, LightYear: 9.4607304725808e15, AstronomicalUnit: 1.495978707e11,
    Parsec: 3.0856775814913673e16, Chain: 66 * FT, Shackle: 90 * FT, DtpPica: IN / 6, DtpPoint: IN / 72, PrinterPica: 0.0042175176, PrinterPoint: IN / 72.27,
  },
  mass: {
    ...METRIC('gram', 1e-3), Tonne: 1e3, Kilotonne: 1e6, Megatonne: 1e9, Pound: LB, Kilopound: LB * 1e3, Megapound: LB * 1e6, Ounce: LB / 16,
    Stone: 14 * LB, ShortTon: 2000 * LB, LongTon: 2240 * LB, Grain: LB / 7000, ShortHundredweight: 100 * LB, LongHundredweight: 112 * LB,
    Slug: 14.593902937206364, SolarMass: 1.98947e30, EarthMass: 5.9722e24,
  },
  speed: {
    MeterPerSecond: 1, KilometerPerHour: 1 / 3.6, MilePerHour: MI / 3600, Knot: NMI / 3600, FootPerSecond: FT, InchPerSecond: IN,
    KilometerPerSecond: 1e3, MeterPerMinute: 1 / 60, MeterPerHour: 1 / 3600, CentimeterPerSecond: 1e-2, MillimeterPerSecond: 1e-3,
    FootPerMinute: FT / 60, FootPerHour: FT / 3600, YardPerSecond: YD, YardPerMinute: YD / 60, YardPerHour: YD / 3600, MillimeterPerHour: 1e-3 / 3600,
  },
  volume: {
    CubicMeter: 1, Liter: 1e-3, Milliliter: 1e-6, Microliter: 1e-9, Centiliter: 1e-5, Deciliter: 1e-4, Decaliter: 1e-2, Hectoliter: 0.1,
    Kiloliter: 1, Megaliter: 1e3, CubicCentimeter: 1e-6, CubicDecimeter: 1e-3, CubicMillimeter: 1e-9, CubicMicrometer: 1e-18, CubicKilometer: 1e9,
    CubicHectometer: 1e6, CubicFoot: FT ** 3, CubicInch: IN ** 3, CubicYard: YD ** 3, CubicMile: MI ** 3, AcreFoot: 43560 * FT ** 3,
    BoardFoot: 144 * IN ** 3, UsGallon: GAL, ImperialGallon: IGAL, UsQuart: GAL / 4, UsPint: GAL / 8, UsOunce: GAL / 128,
    ImperialPint: IGAL / 8, ImperialOunce: IGAL / 160, UsTablespoon: GAL / 256, UsTeaspoon: GAL / 768, UsCustomaryCup: GAL / 16, UsLegalCup: 2.4e-4,
    MetricCup: 2.5e-4, MetricTeaspoon: 5e-6, AuTablespoon: 2e-5, UkTablespoon: 1.5e-5, OilBarrel: 42 * GAL, UsBeerBarrel: 31 * GAL,
    ImperialBeerBarrel: 36 * IGAL, KilocubicFoot: 1e3 * FT ** 3, MegacubicFoot: 1e6 * FT ** 3, HectocubicFoot: 100 * FT ** 3,
    HectocubicMeter: 100, KilocubicMeter: 1e3, KiloimperialGallon: 1e3 * IGAL, MegaimperialGallon: 1e6 * IGAL, KilousGallon: 1e3 * GAL,
    MegausGallon: 1e6 * GAL, DecausGallon: 10 * GAL, DeciusGallon: GAL / 10, HectousGallon: 100 * GAL,
  },
};

/** Temperatures are affine: to and from Kelvin. */
const TEMPERATURE: Record<string, [(x: number) => number, (k: number) => number]> = {
  Kelvin: [(x) => x, (k) => k],
  DegreeCelsius: [(x) => x + 273.15, (k) => k - 273.15],
  MillidegreeCelsius: [(x) => x / 1000 + 273.15, (k) => (k - 273.15) * 1000],
  DegreeFahrenheit: [(x) => ((x - 32) * 5) / 9 + 273.15, (k) => ((k - 273.15) * 9) / 5 + 32],
  DegreeRankine: [(x) => (x * 5) / 9, (k) => (k * 9) / 5],
  DegreeDelisle: [(x) => 373.15 - (x * 2) / 3, (k) => ((373.15 - k) * 3) / 2],
  DegreeNewton: [(x) => (x * 100) / 33 + 273.15, (k) => ((k - 273.15) * 33) / 100],
  DegreeReaumur: [(x) => (x * 5) / 4 + 273.15, (k) => ((k - 273.15) * 4) / 5],
  DegreeRoemer: [(x) => ((x - 7.5) * 40) / 21 + 273.15, (k) => ((k - 273.15) * 21) / 40 + 7.5],
  SolarTemperature: [(x) => x * 5778, (k) => k / 5778],
};

function converter(family: string): ScalarKernel {
  return {
    name: `convert_${family}`,
    make: () => (v: Value, from: Value, to: Value) => {
      if (v === null || typeof from !== 'string' || typeof to !== 'string') return null;
      const x = Number(v);
      if (family === 'temperature') {
        const f = TEMPERATURE[from], t = TEMPERATURE[to];
        return f && t ? t[1](f[0](x)) : null;
      }
      const units = FAMILIES[family]!;
      const f = units[from], t = units[to];
      return f !== undefined && t !== undefined ? (x * f) / t : null;
    },
  };
}

export const UNIT_FAMILIES = [...Object.keys(FAMILIES), 'temperature'];
export const kernels: ScalarKernel[] = UNIT_FAMILIES.map(converter);
