import { Delete, Get, HttpCode, Post } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { ChannelView, MessageView } from '@yakuba/contracts';
import { anyOf, ApiFile, ApiNoContent, ApiResult, toSchema } from './api-result';

const responsesOf = (handler: unknown) => Reflect.getMetadata(DECORATORS.API_RESPONSE, handler as object) as Record<string, any>;

class Routes {
  @ApiResult(['ChannelView'])
  @Get('channels')
  list(): Promise<ChannelView[]> {
    return Promise.resolve([]);
  }

  @ApiResult({ message: 'MessageView' })
  @Post('messages')
  post(): Promise<{ message: MessageView }> {
    return Promise.reject(new Error('not called'));
  }

  @ApiResult('ChannelView')
  @Post('channels/:id/join')
  @HttpCode(200)
  join(): Promise<ChannelView> {
    return Promise.reject(new Error('not called'));
  }

  @ApiFile('application/pdf')
  @Get('record.pdf')
  pdf() {
    return Buffer.alloc(0);
  }

  @ApiNoContent()
  @Delete(':id')
  @HttpCode(204)
  remove(): Promise<void> {
    return Promise.resolve();
  }
}

/** The documented type is checked against the handler's: this class does not compile without the expected error. */
class Mismatched {
  // @ts-expect-error a handler that answers a ChannelView cannot document a MessageView
  @ApiResult('MessageView')
  @Get('x')
  x(): Promise<ChannelView> {
    return Promise.reject(new Error('not called'));
  }

  /** A Date is sent as its ISO string: it may stand where the contract has a string. */
  @ApiResult({ at: 'string' })
  @Get('y')
  y(): { at: Date } {
    return { at: new Date(0) };
  }
}

describe('@ApiResult(), @ApiFile(), @ApiNoContent()', () => {
  it('still documents a handler whose type TypeScript refused (the check is at compile time)', () => {
    expect(Object.keys(responsesOf(Mismatched.prototype.x))).toEqual(['200']);
    expect(responsesOf(Mismatched.prototype.y)['200'].schema.properties.at).toEqual({ type: 'string' });
  });

  it("document the route's own status: 200 for GET, 201 for POST, what @HttpCode says", () => {
    expect(Object.keys(responsesOf(Routes.prototype.list))).toEqual(['200']);
    expect(Object.keys(responsesOf(Routes.prototype.post))).toEqual(['201']);
    expect(Object.keys(responsesOf(Routes.prototype.join))).toEqual(['200']);
    expect(Object.keys(responsesOf(Routes.prototype.remove))).toEqual(['204']);
  });

  it('put the contract schema by reference, a file by its media type, and no body for 204', () => {
    expect(responsesOf(Routes.prototype.list)['200'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/ChannelView' } });
    expect(responsesOf(Routes.prototype.post)['201'].schema).toEqual({
      type: 'object',
      properties: { message: { $ref: '#/components/schemas/MessageView' } },
      required: ['message'],
    });
    expect(responsesOf(Routes.prototype.pdf)['200'].content).toEqual({ 'application/pdf': { schema: { type: 'string', format: 'binary' } } });
    expect(responsesOf(Routes.prototype.remove)['204']).not.toHaveProperty('content');
  });

  it('write unions, nullable parts and plain values', () => {
    expect(toSchema(anyOf('LoginResponse', 'TotpChallenge'))).toEqual({
      anyOf: [{ $ref: '#/components/schemas/LoginResponse' }, { $ref: '#/components/schemas/TotpChallenge' }],
    });
    expect(toSchema(anyOf('MeView', 'null'))).toEqual({ allOf: [{ $ref: '#/components/schemas/MeView' }], nullable: true });
    expect(toSchema({ cleared: 'integer', codes: ['string'] })).toEqual({
      type: 'object',
      properties: { cleared: { type: 'integer' }, codes: { type: 'array', items: { type: 'string' } } },
      required: ['cleared', 'codes'],
    });
  });

  it('refuse to be placed below the route decorator, and a body on a 204 route or none on another', () => {
    expect(() => {
      class Misplaced {
        @Get('x')
        @ApiResult('ChannelView')
        x(): Promise<ChannelView> {
          return Promise.reject(new Error('not called'));
        }
      }
      return Misplaced;
    }).toThrow(/above the route decorator/);
    expect(() => {
      class BodyOn204 {
        @ApiResult('ChannelView')
        @Delete('x')
        @HttpCode(204)
        x(): Promise<ChannelView> {
          return Promise.reject(new Error('not called'));
        }
      }
      return BodyOn204;
    }).toThrow(/use @ApiNoContent/);
    expect(() => {
      class NoContentOn200 {
        @ApiNoContent()
        @Get('x')
        x(): Promise<void> {
          return Promise.resolve();
        }
      }
      return NoContentOn200;
    }).toThrow(/needs @HttpCode\(204\)/);
  });
});
