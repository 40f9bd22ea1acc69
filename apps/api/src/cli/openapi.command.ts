import { writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { parseEnvironment } from '../config/environment';
import { createOpenApiDocument } from '../openapi/openapi-document';

/** `openapi [FILE]`: writes the OpenAPI document without a server or a database (Nest preview mode). */
export async function openapiCommand([file]: string[]): Promise<void> {
  const config = new AppConfig(parseEnvironment({}), 'postgres://preview/preview', 'p'.repeat(32), false);
  const app = await NestFactory.create(AppModule.register(config, {} as DataSource), { preview: true, logger: false });
  const json = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
  if (file) await writeFile(file, json);
  else process.stdout.write(json);
}
