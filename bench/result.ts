export interface Result {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}
